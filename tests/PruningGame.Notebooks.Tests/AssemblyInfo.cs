[assembly: CollectionBehavior(DisableTestParallelization = true)]   // the runner sets the process working directory, as Jupyter does
