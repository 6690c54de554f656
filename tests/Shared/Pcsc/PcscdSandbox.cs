using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

using System.Runtime.InteropServices;

namespace ReaderKit.Tests.Shared.Pcsc;

/// <summary>
/// A private pcscd for one test run: vsmartcard's vpcd driver configured with <c>DEVICENAME 127.0.0.1:port</c>, so vpcd connects
/// to the test's virtual ICC on loopback (nothing listens beyond 127.0.0.1). pcscd always uses <c>/run/pcscd</c>, so it runs in a
/// private mount namespace (<c>unshare --mount</c>) with a temporary directory bound over <c>/run/pcscd</c>; the test's PC/SC
/// client reaches its socket through <c>PCSCLITE_CSOCK_NAME</c>. Parallel runs and a system pcscd do not see each other.
/// Everything it starts it stops by process id. When the environment cannot run it, <see cref="Start"/> throws with the reason.
/// Shared (as a linked source file) by the test projects that need real PC/SC: the virtual card's fidelity run and the PC/SC
/// link's tests.
/// </summary>
internal sealed partial class PcscdSandbox : IDisposable
{
    private const string Pcscd = "/usr/sbin/pcscd";
    private const string Unshare = "/usr/bin/unshare";
    private const string RunDirectory = "/run/pcscd";
    private static readonly string[] VpcdDriverPaths =
    [
        "/usr/lib/pcsc/drivers/serial/libifdvpcd.so",
        "/usr/lib/x86_64-linux-gnu/pcsc/drivers/serial/libifdvpcd.so",
        "/usr/lib/aarch64-linux-gnu/pcsc/drivers/serial/libifdvpcd.so",
    ];

    private readonly Process process;
    private readonly StringBuilder log;
    private readonly string directory;
    private readonly bool createdRunDirectory;

    private PcscdSandbox(Process process, StringBuilder log, string directory, bool createdRunDirectory, string socket, string readerName)
    {
        ReaderName = readerName;
        this.process = process;
        this.log = log;
        this.directory = directory;
        this.createdRunDirectory = createdRunDirectory;
        Socket = socket;
    }

    /// <summary>The name pcscd gives the vpcd reader's first slot (the friendly name + " 00 00").</summary>
    public string ReaderName { get; }

    /// <summary>True when pcscd, unshare and vsmartcard-vpcd's driver are installed (the tests that need them fail, not skip, when they are).</summary>
    public static bool ToolsInstalled => OperatingSystem.IsLinux() && File.Exists(Pcscd) && File.Exists(Unshare) && VpcdDriverPaths.Any(File.Exists);

    /// <summary>pcscd's client socket (for <c>PCSCLITE_CSOCK_NAME</c>).</summary>
    public string Socket { get; }

    /// <summary>pcscd's output so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Two consecutive free loopback ports: vpcd opens one connection per slot, to port and port + 1.</summary>
    public static (TcpListener Slot0, TcpListener Slot1) ListenOnLoopbackPair()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start(1);
            var port = ((IPEndPoint)first.LocalEndpoint).Port;
            if (port < IPEndPoint.MaxPort)
            {
                var second = new TcpListener(IPAddress.Loopback, port + 1);
                try
                {
                    second.Start(1);
                    return (first, second);
                }
                catch (SocketException)
                {
                    second.Stop();
                }
            }

            first.Stop();
        }

        throw new InvalidOperationException("No two consecutive free loopback ports for vpcd's two slots.");
    }

    /// <summary>
    /// Starts pcscd with a vpcd reader and waits for its socket. By default vpcd connects to the virtual card on
    /// 127.0.0.1:<paramref name="port"/> (<c>DEVICENAME 127.0.0.1:port</c>). With <paramref name="vpcdListens"/> vpcd listens on
    /// <paramref name="port"/> (and port + 1 for the second slot) for the card to connect (<c>DEVICENAME /dev/null:port</c>:
    /// vsmartcard's server mode; a bare <c>/dev/null</c> means its default port 35963) — the mode in which a card can leave and come back: Debian's vpcd 0.8
    /// in connect mode ends pcscd once the card's connection closes (it polls an invalid socket), in server mode it waits for
    /// the card to connect again. vpcd binds the port on every interface in that mode (vsmartcard's <c>opensock</c>); the port is
    /// a free one chosen for the test run and only a test card with test keys answers on it.
    /// </summary>
    /// <exception cref="InvalidOperationException">A tool is missing, the namespace cannot be made, or pcscd did not come up.</exception>
    public static PcscdSandbox Start(int port, TimeSpan timeout, string friendlyName = "ReaderKit Fidelity", bool vpcdListens = false)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new InvalidOperationException("The vpcd fidelity run needs Linux (pcscd + vsmartcard-vpcd).");
        }

        var driver = VpcdDriverPaths.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"vsmartcard-vpcd's driver libifdvpcd.so is not installed (looked in {string.Join(", ", VpcdDriverPaths)}); .ci/setup-deps.sh installs it.");
        foreach (var tool in new[] { Pcscd, Unshare })
        {
            if (!File.Exists(tool))
            {
                throw new InvalidOperationException($"{tool} is missing; .ci/setup-deps.sh installs pcscd (and util-linux provides unshare).");
            }
        }

        var directory = Directory.CreateTempSubdirectory("readerkit-pcscd-").FullName;
        var conf = Directory.CreateDirectory(Path.Combine(directory, "conf")).FullName;
        var run = Directory.CreateDirectory(Path.Combine(directory, "run")).FullName;
        File.WriteAllText(Path.Combine(conf, "vpcd"),
            $"FRIENDLYNAME \"{friendlyName}\"\nDEVICENAME   {(vpcdListens ? "/dev/null" : "127.0.0.1")}:{port}\nLIBPATH      {driver}\nCHANNELID    {port}\n");
        var createdRunDirectory = !Directory.Exists(RunDirectory);

        var start = new ProcessStartInfo(Unshare)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
            "mkdir -p /run/pcscd && mount --bind \"$0\" /run/pcscd && exec /usr/sbin/pcscd --foreground $2 -c \"$1\"", run, conf,
            Environment.GetEnvironmentVariable("READERKIT_PCSCD_DEBUG") == "1" ? "--debug" : "--error",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StringBuilder();
        var process = new Process { StartInfo = start };
        void Append(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (log)
                {
                    log.AppendLine(e.Data);
                }
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start unshare/pcscd.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var socket = Path.Combine(run, "pcscd.comm");
        var sandbox = new PcscdSandbox(process, log, directory, createdRunDirectory, socket, friendlyName + " 00 00");
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(socket))
        {
            if (process.HasExited || deadline.Elapsed > timeout)
            {
                var reason = process.HasExited ? $"exited with {process.ExitCode}" : $"did not open its socket within {timeout.TotalSeconds:0} s";
                var output = sandbox.Log;
                sandbox.Dispose();
                throw new InvalidOperationException(
                    $"pcscd could not be started in a private mount namespace ({reason}). This environment must allow `unshare --mount` and " +
                    $"`mount --bind` (root or CAP_SYS_ADMIN) for the vpcd fidelity run. pcscd/unshare said:\n{output}");
            }

            Thread.Sleep(50);
        }

        return sandbox;
    }

    /// <summary>
    /// Points this process's libpcsclite at the sandbox's socket (<c>PCSCLITE_CSOCK_NAME</c>, read from the native environment
    /// when a context is established, which .NET's own environment does not update).
    /// </summary>
    public void UseForThisProcess()
    {
        if (SetEnv("PCSCLITE_CSOCK_NAME", Socket, 1) != 0)
        {
            throw new InvalidOperationException("setenv(PCSCLITE_CSOCK_NAME) failed.");
        }
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("READERKIT_PCSCD_LOG") is { Length: > 0 } logFile)
        {
            File.WriteAllText(logFile, Log);
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        process.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
            if (createdRunDirectory && Directory.Exists(RunDirectory) && !Directory.EnumerateFileSystemEntries(RunDirectory).Any())
            {
                Directory.Delete(RunDirectory);
            }
        }
        catch (IOException)
        {
            // a leftover temporary directory is harmless
        }
        catch (UnauthorizedAccessException)
        {
            // likewise
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
