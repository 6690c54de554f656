using System.Diagnostics;
using System.Text.Json;
using ReaderKit.Rpc.Tests.Fakes;

namespace ReaderKit.Sdk.Tests;

/// <summary>The Python client and kiosk sample (sdk/python, Debian python3-msgpack) against the server, run by /usr/bin/python3.</summary>
public sealed class PythonClientTests
{
    private const string Python = "/usr/bin/python3";

    private static string Sample => Path.Combine(AppContext.BaseDirectory, "python", "kiosk_sample.py");

    [Fact]
    public async Task The_python_kiosk_sample_runs_a_full_tap_over_the_unix_socket()
    {
        await using var server = await TestServer.StartAsync();
        var formPath = Path.Combine(Path.GetTempPath(), $"readerkit-python-form-{Environment.ProcessId}.pdf");
        var (exit, stdout, stderr) = await RunAsync(["--unix", server.SocketPath, "--birth-date", "1980-02-17", "--expiry-year", "2031", "--security-code-stdin", "--fields", "name,photo", "--face", "--form-out", formPath], "1234\n");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("readerkit/1.0", lines[0].GetProperty("hello").GetString());
        var steps = lines.Where(l => l.TryGetProperty("step", out _)).Select(l => l.GetProperty("step").GetString()).ToList();
        Assert.Equal(["cardPresent", "credentialChecked", "cardFaceRead", "signaturesChecked", "chipChallenge", "faceCaptured", "faceMatched"], steps);
        Assert.Equal(2, lines.Count(l => l.TryGetProperty("prompt", out _)));
        var summary = lines[^1];
        Assert.Equal("Accepted", summary.GetProperty("verdict").GetString());
        Assert.Equal(["name", "photo"], summary.GetProperty("fields").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(FakeReaderService.ChipPhoto.Length, summary.GetProperty("photoBytes").GetInt32());
        Assert.Equal("山田 太郎", summary.GetProperty("name").GetString());
        Assert.DoesNotContain("1234", stdout, StringComparison.Ordinal);
        Assert.Equal("01JH-3K5M-8Q2R-7XZW", summary.GetProperty("form").GetProperty("recordId").GetString());
        Assert.Equal("%PDF-1.7 fake form  name+photo", File.ReadAllText(formPath));
        File.Delete(formPath);
    }

    [Fact]
    public async Task The_python_client_pins_the_certificate_and_sends_its_token_over_tls()
    {
        await using var server = await TestServer.StartAsync();
        var endpoint = "127.0.0.1:" + server.TlsEndPoint.Port;
        var (exit, stdout, stderr) = await RunAsync(["--tls", endpoint, "--fingerprint", server.Identity.Fingerprint, "--token", server.Token, "--birth-date", "1980-02-17", "--expiry-year", "2031", "--security-code", "9999"], string.Empty);
        Assert.True(exit == 4, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("\"verdict\": \"CredentialRefused\"", stdout, StringComparison.Ordinal);
        Assert.Contains("\"error\": \"CredentialRejected\"", stdout, StringComparison.Ordinal);

        var (badPin, _, pinError) = await RunAsync(["--tls", endpoint, "--fingerprint", new string('0', 64), "--token", server.Token, "--birth-date", "1980-02-17", "--expiry-year", "2031", "--security-code", "1234"], string.Empty);
        Assert.Equal(3, badPin);
        Assert.Contains("pin mismatch", pinError, StringComparison.Ordinal);

        var (noToken, _, tokenError) = await RunAsync(["--tls", endpoint, "--fingerprint", server.Identity.Fingerprint, "--birth-date", "1980-02-17", "--expiry-year", "2031", "--security-code", "1234"], string.Empty);
        Assert.Equal(3, noToken);
        Assert.Contains("Unauthorized", tokenError, StringComparison.Ordinal);
        Assert.Equal(1, server.Service.TapsStarted); // only the first run reached tap.start
    }

    [Fact]
    public async Task Many_tls_sessions_in_a_row_each_get_their_answer_and_stay_usable_while_idle()
    {
        // The reader thread and the caller share one OpenSSL connection. Each session is opened, says hello (half of
        // them without a token, which the host answers with Unauthorized and then closes), and, when admitted, calls
        // twice (the first session around an idle pause): every answer must arrive. The connect timeout is generous: a
        // loaded CI machine can take over a second for a TLS handshake, which is not what this test is about.
        await using var server = await TestServer.StartAsync();
        var script = string.Join('\n',
            "import sys, time",
            "sys.path.insert(0, sys.argv[1])",
            "from readerkit.client import Client, ReaderKitError",
            "port, fp, token = int(sys.argv[2]), sys.argv[3], sys.argv[4]",
            "refused = admitted = 0",
            "for i in range(60):",
            "    with Client.tls('127.0.0.1', port, fp, timeout=20.0) as c:",
            "        if i % 2:",
            "            try:",
            "                c.hello('stress', '1.0')",
            "            except ReaderKitError as e:",
            "                refused += e.name == 'Unauthorized'",
            "        else:",
            "            c.hello('stress', '1.0', token)",
            "            c.ping()",
            "            if i == 0:",
            "                time.sleep(1.5)",
            "            c.get_status()",
            "            admitted += 1",
            "print(refused, admitted)");
        var (exit, stdout, stderr) = await RunProcessAsync(["-c", script, Path.GetDirectoryName(Sample)!, server.TlsEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), server.Identity.Fingerprint, server.Token], string.Empty);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal("30 30", stdout.Trim());
    }

    private static Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args, string stdin) => RunProcessAsync([Sample, .. args], stdin);

    private static async Task<(int Exit, string Stdout, string Stderr)> RunProcessAsync(string[] args, string stdin)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
