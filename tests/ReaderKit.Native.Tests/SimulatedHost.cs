using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ReaderKit.Rpc.Security;

namespace ReaderKit.Native.Tests;

/// <summary>
/// The real <c>readerkit-host</c> (firmware-host/ReaderKit.Host, as built) in simulation as a child process: the tap
/// library over the PN532 emulator, a virtual card, the virtual camera and the face models, with its simulated customer
/// presenting the card when a client starts a tap. Serves <c>DIR/rpc.sock</c> and TLS on 127.0.0.1 with a device
/// certificate and one client token made here in its state directory.
/// </summary>
internal sealed class SimulatedHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private SimulatedHost(Process process, Task<string> stderr, string directory, int tlsPort, string fingerprint, string token)
    {
        _process = process;
        _stderr = stderr;
        Directory = directory;
        TlsPort = tlsPort;
        Fingerprint = fingerprint;
        Token = token;
    }

    public string Directory { get; }

    public string SocketPath => Path.Combine(Directory, "rpc.sock");

    public int TlsPort { get; }

    public string Fingerprint { get; }

    public string Token { get; }

    public static string HostDll => Path.Combine(Repo.Root, "firmware-host", "ReaderKit.Host", "bin", Repo.Configuration, "net10.0", "readerkit-host.dll");

    public static async Task<SimulatedHost> StartAsync()
    {
        Assert.True(File.Exists(HostDll), HostDll + " is missing: build the solution first");
        var dir = Path.Combine(Path.GetTempPath(), "rk-native-sim-" + Guid.NewGuid().ToString("N")[..10]);
        var state = Path.Combine(dir, "state");
        System.IO.Directory.CreateDirectory(dir);
        string fingerprint;
        using (var identity = DeviceIdentity.LoadOrCreate(state))
        {
            fingerprint = identity.Fingerprint;
        }

        var token = ClientTokenStore.Open(state).Issue("native-sample");
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["READERKIT_CONFIG"] = Path.Combine(dir, "no-system-config.json");
        foreach (var a in new[]
        {
            HostDll, "--Reader:DeviceId=sim-native", "--Reader:Simulation:Enabled=true", "--Reader:Simulation:Pacing=false", "--Reader:PollInterval=00:00:00.100",
            $"--Journal:Path={dir}/j.db", $"--Journal:KeyFile={dir}/k.json", $"--Reader:StatusFile={dir}/status.json",
            $"--Rpc:UnixSocket={dir}/rpc.sock", $"--Rpc:StateDirectory={state}", $"--Rpc:TlsPort={port}", "--Rpc:TlsAddress=127.0.0.1",
            "--Rpc:ReleaseFields:0=name", "--Rpc:ReleaseFields:1=birthDate", "--Rpc:ReleaseFields:2=photo", "--Logging:LogLevel:Default=Warning",
        })
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start readerkit-host");
        _ = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var host = new SimulatedHost(process, stderr, dir, port, fingerprint, token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!File.Exists(host.SocketPath) || !await TlsListensAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var why = process.HasExited ? $"exited {process.ExitCode}" : "no socket within 120 s";
                await host.DisposeAsync();
                throw new InvalidOperationException($"readerkit-host {why}:\n{await stderr}");
            }

            await Task.Delay(200);
        }

        return host;
    }

    private static async Task<bool> TlsListensAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>What the host wrote to stderr so far (for failure messages; complete only after dispose).</summary>
    public string Log => _stderr.IsCompleted ? _stderr.Result : "(host still running)";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
