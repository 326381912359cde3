using PruningGame.Infrastructure;
using TorchSharp;
using static TorchSharp.torch;

namespace PruningGame.Tests.Infrastructure;

/// <summary>The managed kernels read and write tensors through these pointers: a wrong one corrupts a run silently.</summary>
public sealed unsafe class CpuTensorMemoryTests
{
    [Fact]
    public void The_direct_native_calls_are_in_use_where_torchsharps_own_library_is_loaded()
    {
        // Our machines (Linux) load LibTorchSharp by its name; a host that does not falls back to the properties.
        if (OperatingSystem.IsLinux()) Assert.True(CpuTensorMemory.ReadsDirectly);
    }

    [Fact]
    public void Pointers_address_a_views_first_element_not_its_storages()
    {
        using var whole = arange(10, dtype: float32);
        using var view = whole.narrow(0, 4, 3);
        var values = CpuTensorMemory.Float32s(view);
        Assert.Equal(4f, values[0]);
        values[2] = -1f;
        Assert.Equal(-1f, whole[6].item<float>());

        using var doubles = arange(6, dtype: float64).narrow(0, 5, 1);
        Assert.Equal(5.0, CpuTensorMemory.Float64s(doubles)[0]);
    }

    [Fact]
    public void Only_contiguous_cpu_tensors_of_the_asked_type_are_readable_as_arrays()
    {
        using var matrix = zeros(3, 4, dtype: float32);
        Assert.True(CpuTensorMemory.IsContiguousCpu(matrix, ScalarType.Float32));
        Assert.False(CpuTensorMemory.IsContiguousCpu(matrix, ScalarType.Float64));
        using var transposed = matrix.t();
        Assert.False(CpuTensorMemory.IsContiguousCpu(transposed, ScalarType.Float32));
        using var elsewhere = zeros(3, 4, dtype: float32, device: new Device(DeviceType.META));   // a device without memory, present on every build
        Assert.False(CpuTensorMemory.IsContiguousCpu(elsewhere, ScalarType.Float32));
    }
}
