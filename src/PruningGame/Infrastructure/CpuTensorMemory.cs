using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace PruningGame.Infrastructure;

/// <summary>
/// The memory of contiguous CPU tensors, for the managed kernels that replace a chain of tensor operations with one pass
/// (Adam's step, the game's per-player arithmetic): which tensors they may read, and where the first element is.
/// <para>The device and the data pointer are read from TorchSharp's native library directly where it answers (checked
/// once against TorchSharp's own properties): <c>Tensor.device_type</c> also polls for a pending native error and
/// <c>storage&lt;T&gt;()</c> builds a managed storage object, each about 0.4 µs against 0.03 µs for the call itself, and
/// the game's step reads a few dozen of them (measured on the paper's MLP).</para>
/// </summary>
internal static unsafe class CpuTensorMemory
{
    private static readonly Lazy<bool> Direct = new(DirectCallsAgree);

    /// <summary>Whether <paramref name="t"/> is a contiguous CPU tensor of <paramref name="dtype"/>: one a managed kernel can read as an array.</summary>
    public static bool IsContiguousCpu(Tensor t, ScalarType dtype) => t.dtype == dtype && t.is_contiguous() && DeviceOf(t) == DeviceType.CPU;

    /// <summary>Pointer to the first element of a contiguous CPU float32 tensor.</summary>
    public static float* Float32s(Tensor t) => (float*)FirstElement<float>(t);

    /// <summary>Pointer to the first element of a contiguous CPU float64 tensor.</summary>
    public static double* Float64s(Tensor t) => (double*)FirstElement<double>(t);

    private static T* FirstElement<T>(Tensor t) where T : unmanaged =>
        Direct.Value ? (T*)THSTensor_data(t.Handle) : (T*)t.storage<T>().data_ptr() + t.storage_offset();

    /// <summary>Whether the direct calls are in use (tests).</summary>
    internal static bool ReadsDirectly => Direct.Value;

    private static DeviceType DeviceOf(Tensor t) => Direct.Value ? (DeviceType)THSTensor_device_type(t.Handle) : t.device_type;

    /// <summary>The direct calls, on a tensor viewed at an offset into its storage, against TorchSharp's properties.</summary>
    private static bool DirectCallsAgree()
    {
        try
        {
            using var whole = zeros(16, dtype: float32);
            using var view = whole.narrow(0, 3, 5);
            var expected = (float*)view.storage<float>().data_ptr() + view.storage_offset();
            return THSTensor_data(view.Handle) == (IntPtr)expected && (DeviceType)THSTensor_device_type(view.Handle) == view.device_type;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;   // a host that resolves TorchSharp's library differently: the properties stay
        }
    }

    [DllImport("LibTorchSharp")]
    private static extern IntPtr THSTensor_data(IntPtr tensor);

    [DllImport("LibTorchSharp")]
    private static extern int THSTensor_device_type(IntPtr tensor);
}
