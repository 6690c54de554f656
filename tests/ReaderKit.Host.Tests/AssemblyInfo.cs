// The host runs on Linux (Raspberry Pi OS / Debian); its tests use Unix file modes and Unix sockets.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
