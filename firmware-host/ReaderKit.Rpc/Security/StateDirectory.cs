namespace ReaderKit.Rpc.Security;

/// <summary>Creates the state directory (0700) and writes secret files atomically with mode 0600.</summary>
internal static class StateDirectory
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Ensure(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, DirectoryMode);
    }

    /// <summary>Writes <paramref name="bytes"/> to a temporary file created 0600, flushes it, then renames it over <paramref name="path"/>.</summary>
    public static void WriteSecretFile(string path, ReadOnlySpan<byte> bytes)
    {
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        using (var stream = new FileStream(temp, options))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, FileMode);
        }

        File.Move(temp, path, overwrite: true);
    }
}
