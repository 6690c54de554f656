// The packages are Debian packages; the tests drive dpkg, systemd-analyze and Unix file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// One package build serves every test class; the lifecycle test must not race the content tests over the work folder.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
