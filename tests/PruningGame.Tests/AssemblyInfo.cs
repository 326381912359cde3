// Training seeds libtorch's process-global generator (module initialisation draws from it), so two tests that
// train at the same time on different threads would interleave their draws and neither would be deterministic.
// Test classes therefore run one after another; the suite is a few seconds either way.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
