using System.Diagnostics;
using System.Text.Json;
using ReaderKit.Host.Composition;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Host.Tests;

/// <summary>
/// The Python kiosk sample (<c>sdk/python</c>, Debian python3-msgpack) against the whole host in simulation — the tap
/// library over the PN532 emulator, the virtual card and camera, the face models — not against a scripted reader.
/// </summary>
public sealed class PythonSampleOnSimulatedHostTests
{
    [Fact]
    public async Task The_python_kiosk_sample_runs_a_full_tap_with_face_and_released_fields_against_the_simulated_host()
    {
        using var dir = new TempDir();
        var builder = ReaderHost.CreateBuilder(
        [
            "--Reader:DeviceId=sim-python", "--Reader:Simulation:Enabled=true", "--Reader:Simulation:Pacing=false", "--Reader:PollInterval=00:00:00.100",
            $"--Journal:Path={dir.File("j.db")}", $"--Journal:KeyFile={dir.File("k.json")}", $"--Reader:StatusFile={dir.File("s.json")}",
            $"--Rpc:UnixSocket={dir.File("rpc.sock")}", "--Rpc:ReleaseFields:0=name", "--Rpc:ReleaseFields:1=photo", "--Logging:LogLevel:Default=Warning",
        ], _ => null);
        HostComposition.Compose(builder);
        using var host = builder.Build();
        using var stop = new CancellationTokenSource();
        var run = ReaderHost.RunAsync(host, TextWriter.Null, stop.Token);
        await RpcHostRig.Until(() => File.Exists(dir.File("rpc.sock")) || run.IsCompleted, "the socket");

        var persona = PersonaCatalog.Get("yamada-taro");
        var (exit, stdout, stderr) = await RunSampleAsync(
            ["--unix", dir.File("rpc.sock"), "--birth-date", persona.Holder.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
             "--expiry-year", persona.ExpiryDate.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--security-code-stdin", "--fields", "name,photo", "--face"],
            persona.SecurityCode + "\n");
        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("readerkit/1.0", lines[0].GetProperty("hello").GetString());
        var steps = lines.Where(l => l.TryGetProperty("step", out _)).Select(l => l.GetProperty("step").GetString()).ToList();
        Assert.Equal(["cardPresent", "credentialChecked", "cardFaceRead", "signaturesChecked", "chipChallenge", "result"], steps.Where(s => !s!.StartsWith("face", StringComparison.Ordinal)));
        Assert.Contains("faceMatched", steps);
        Assert.True(steps.Count == steps.Distinct().Count(), "a step was sent twice: " + string.Join(", ", steps)); // prompts used to repeat the step
        var summary = lines[^1];
        Assert.Equal("Accepted", summary.GetProperty("verdict").GetString());
        Assert.Equal(["name", "photo"], summary.GetProperty("fields").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(persona.Holder.FullName, summary.GetProperty("name").GetString());
        Assert.True(summary.GetProperty("photoBytes").GetInt32() > 1000);
        Assert.Contains(summary.GetProperty("checks").EnumerateArray(), c => c.GetString()!.StartsWith("PASS", StringComparison.Ordinal));
        Assert.DoesNotContain(persona.SecurityCode, stdout, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunSampleAsync(string[] args, string stdin)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "python", "kiosk_sample.py"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
