using System.Diagnostics;
using System.Text.Json;

namespace ReaderKit.Native.Tests;

/// <summary>
/// A ReaderKit RPC host started as a process for the C library to talk to. Today it is the scripted test host
/// (tests/ReaderKit.RpcTestHost: the real RpcServer over the scripted reader the RPC tests use); to run against the
/// real readerkit-host in simulation, change <see cref="Command"/> to start it instead: the contract is only that the
/// process serves <c>DIR/rpc.sock</c> and TLS, and prints one JSON line <c>{socket, tlsPort, fingerprint, token}</c>.
/// The process ends when it is disposed (or when its stdin closes, so it never outlives a crashed test run).
/// </summary>
internal sealed class TestHost : IAsyncDisposable
{
    private readonly Process _process;

    private TestHost(Process process, string directory, JsonElement ready)
    {
        _process = process;
        Directory = directory;
        SocketPath = ready.GetProperty("socket").GetString()!;
        TlsPort = ready.GetProperty("tlsPort").GetInt32();
        Fingerprint = ready.GetProperty("fingerprint").GetString()!;
        Token = ready.GetProperty("token").GetString()!;
    }

    public string Directory { get; }

    public string SocketPath { get; }

    public int TlsPort { get; }

    public string Fingerprint { get; }

    public string Token { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The host command line (one line to change for the real host).</summary>
    private static string[] Command(string dir, int stepDelayMs) => ["dotnet", Repo.TestHostDll, "--dir", dir, "--step-delay-ms", stepDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--hello-timeout-ms", "120000"];

    public static async Task<TestHost> StartAsync(int stepDelayMs = 100)
    {
        Assert.True(File.Exists(Repo.TestHostDll), Repo.TestHostDll + " is missing: build the solution first");
        var dir = Path.Combine(Path.GetTempPath(), "rk-native-" + Guid.NewGuid().ToString("N")[..10]);
        System.IO.Directory.CreateDirectory(dir);
        var command = Command(dir, stepDelayMs);
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in command[1..])
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the test host");
        _ = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(cts.Token);
        if (string.IsNullOrEmpty(line))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("the test host printed no ready line");
        }

        using var ready = JsonDocument.Parse(line);
        return new TestHost(process, dir, ready.RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
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
