using System.Runtime.InteropServices;

namespace PruningGame.Infrastructure;

/// <summary>
/// Keeps glibc's malloc from handing freed tensor memory back to the kernel between training steps. libtorch allocates
/// every CPU tensor with malloc; at the sizes of a training step (activations of 256 KB, weight gradients of 1.6 MB)
/// glibc maps large blocks afresh and trims the top of its heap when they are freed, so the next step's tensors
/// page-fault their memory in again. Measured on the paper's MLP with one torch thread: the participation's gradient in
/// backward cost 0.26 ms a step with glibc's defaults and 0.03 ms with memory kept (the same as setting
/// MALLOC_MMAP_THRESHOLD_ and MALLOC_TRIM_THRESHOLD_). Numbers do not change: only where the memory comes from
/// (libtorch aligns every block to 64 bytes either way). A process-wide setting, made once; a no-op off glibc.
/// </summary>
public static class NativeAllocator
{
    private const int MmapThreshold = -3, TrimThreshold = -1;   // mallopt's M_MMAP_THRESHOLD, M_TRIM_THRESHOLD
    private const int LargestHeapBlock = 32 * 1024 * 1024;      // glibc's ceiling for M_MMAP_THRESHOLD on 64-bit
    private static readonly Lazy<bool> Applied = new(Apply);

    /// <summary>True when glibc took the settings.</summary>
    public static bool KeepFreedMemory() => Applied.Value;

    private static bool Apply()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return mallopt(MmapThreshold, LargestHeapBlock) == 1 && mallopt(TrimThreshold, int.MaxValue) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;   // not glibc (musl has no mallopt): its own defaults stay
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
}
