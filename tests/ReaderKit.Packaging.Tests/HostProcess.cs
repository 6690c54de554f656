using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ReaderKit.Packaging.Tests;

/// <summary>
/// <c>readerkit-host</c> started from a package tree, optionally as another user (setpriv), with a NOTIFY_SOCKET the
/// test reads: the same sd_notify datagrams systemd would get under <c>Type=notify</c>.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Socket _notify = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<string> _messages = [];

    private HostProcess(string program, HostSettingsPaths paths, (int Uid, int Gid)? runAs, IReadOnlyDictionary<string, string> extraEnv)
    {
        Paths = paths;
        var socketPath = Path.Combine(paths.Scratch, "notify.sock");
        File.Delete(socketPath);
        _notify.Bind(new UnixDomainSocketEndPoint(socketPath));
        File.SetUnixFileMode(socketPath, (UnixFileMode)0x1FF);
        _notify.ReceiveTimeout = 1000;

        var start = new ProcessStartInfo(runAs is null ? program : "setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is { } who)
        {
            foreach (var a in new[] { $"--reuid={who.Uid}", $"--regid={who.Gid}", "--clear-groups", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("READERKIT_", StringComparison.Ordinal) || k is "JOURNAL_STREAM" or "WATCHDOG_PID").ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (k, v) in paths.Environment)
        {
            start.Environment[k] = v;
        }

        foreach (var (k, v) in extraEnv)
        {
            start.Environment[k] = v;
        }

        start.Environment["NOTIFY_SOCKET"] = socketPath;
        start.Environment["WATCHDOG_USEC"] = "30000000";
        _process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + program);
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (_output) { _output.AppendLine(e.Data); } } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_output) { _output.AppendLine(e.Data); } } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public HostSettingsPaths Paths { get; }

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public IReadOnlyList<string> Messages => _messages;

    public static HostProcess Start(string program, HostSettingsPaths paths, (int Uid, int Gid)? runAs = null, IReadOnlyDictionary<string, string>? extraEnv = null) =>
        new(program, paths, runAs, extraEnv ?? new Dictionary<string, string>());

    /// <summary>Waits for a notify datagram containing <paramref name="field"/> (e.g. <c>READY=1</c>); false when the process exits or the deadline passes.</summary>
    public bool WaitForNotify(string field, TimeSpan timeout)
    {
        if (_messages.Any(m => m.Split('\n').Contains(field)))
        {
            return true;
        }

        var deadline = DateTime.UtcNow + timeout;
        var buffer = new byte[4096];
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var n = _notify.Receive(buffer);
                var message = Encoding.UTF8.GetString(buffer, 0, n);
                _messages.Add(message);
                if (message.Split('\n').Contains(field))
                {
                    return true;
                }
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                if (_process.HasExited)
                {
                    return false;
                }
            }
        }

        return false;
    }

    /// <summary>The status file the host writes, once it exists (parsed), or null at the deadline.</summary>
    public JsonElement? WaitForStatus(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if (File.Exists(Paths.StatusFile))
                {
                    using var doc = JsonDocument.Parse(File.ReadAllText(Paths.StatusFile));
                    return doc.RootElement.Clone();
                }
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
            }

            Thread.Sleep(200);
        }

        return null;
    }

    /// <summary>SIGTERM (what systemctl stop sends) and the exit code, or −1 if it did not stop in time (then killed).</summary>
    public int Stop(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            Shell.Run("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            return -1;
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public int? ExitCodeWithin(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return null;
        }

        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _notify.Dispose();
    }
}

/// <summary>
/// Where a host started by a test keeps its files: the packaged configuration file, with the journal, key file,
/// status file and models redirected under <paramref name="Root"/> through the host's own environment overrides.
/// </summary>
internal sealed record HostSettingsPaths(string Root, string ConfigFile, string Scratch, bool Simulation = true)
{
    public string StateDir => Path.Combine(Root, "var", "lib", "readerkit");

    public string StatusFile => Path.Combine(Root, "run", "readerkit", "status.json");

    public string ModelsDir => Path.Combine(Root, "usr", "lib", "readerkit", "models");

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["READERKIT_CONFIG"] = ConfigFile,
        ["READERKIT_Journal__Path"] = Path.Combine(StateDir, "journal.db"),
        ["READERKIT_Journal__KeyFile"] = Path.Combine(StateDir, "device-keys.json"),
        ["READERKIT_Reader__StatusFile"] = StatusFile,
        ["READERKIT_Reader__ModelsDirectory"] = ModelsDir,
        ["READERKIT_Reader__Simulation__Enabled"] = Simulation ? "true" : "false",
        ["HOME"] = StateDir,
    };
}
