using PruningGame.Infrastructure;

namespace PruningGame.Tests.Infrastructure;

public sealed class NativeAllocatorTests
{
    [Fact]
    public void Glibc_takes_the_settings_that_keep_freed_tensor_memory()
    {
        // Our machines are Debian (glibc): a wrong parameter or an out-of-range value makes mallopt refuse (returns 0).
        Assert.Equal(OperatingSystem.IsLinux(), NativeAllocator.KeepFreedMemory());
    }
}
