[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// The valgrind run takes most of the machine; the sample runs wait for it rather than compete.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
