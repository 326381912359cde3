using TorchSharp;
using static TorchSharp.torch;

namespace PruningGame.Infrastructure;

/// <summary>
/// The memory of contiguous CPU tensors, for the managed kernels that replace a chain of tensor operations with one pass
/// (Adam's step, the game's per-player arithmetic): which tensors they may read, and where the first element is.
/// </summary>
internal static unsafe class CpuTensorMemory
{
    /// <summary>Whether <paramref name="t"/> is a contiguous CPU tensor of <paramref name="dtype"/>: one a managed kernel can read as an array.</summary>
    public static bool IsContiguousCpu(Tensor t, ScalarType dtype) => t.device_type == DeviceType.CPU && t.dtype == dtype && t.is_contiguous();

    /// <summary>Pointer to the first element of a contiguous CPU float32 tensor.</summary>
    public static float* Float32s(Tensor t) => (float*)t.storage<float>().data_ptr() + t.storage_offset();

    /// <summary>Pointer to the first element of a contiguous CPU float64 tensor.</summary>
    public static double* Float64s(Tensor t) => (double*)t.storage<double>().data_ptr() + t.storage_offset();
}
