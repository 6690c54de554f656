namespace ReaderKit.Native.Tests;

/// <summary>The C and Python (ctypes) samples in native/samples run a full tap against the test host.</summary>
public sealed class SampleTests
{
    private static string[] ExpectedSteps => ["cardPresent", "credentialChecked", "cardFaceRead", "signaturesChecked", "chipChallenge", "faceCaptured", "faceMatched"];

    [Fact]
    public async Task The_c_sample_runs_a_full_tap_over_the_unix_socket_and_tls()
    {
        var library = Repo.RequireLibrary("linux-x64");
        var work = Directory.CreateTempSubdirectory("rk-sample-c-").FullName;
        try
        {
            File.Copy(library, Path.Combine(work, "libreaderkit.so"));
            var program = Path.Combine(work, "tap");
            var source = Path.Combine(Repo.Root, "native", "samples", "c", "tap.c");
            var (built, _, gccErrors) = await Run.ProgramAsync("gcc", ["-std=c11", "-Wall", "-Wextra", "-Werror", "-I", Path.GetDirectoryName(Repo.Header)!, "-o", program, source, "-L", work, "-lreaderkit", "-Wl,-rpath,$ORIGIN"], TimeSpan.FromMinutes(1));
            Assert.True(built == 0, gccErrors);

            await using var host = await TestHost.StartAsync(stepDelayMs: 5);
            var (exit, stdout, stderr) = await Run.ProgramAsync(program, ["unix:" + host.SocketPath, "19800217", "2031"], TimeSpan.FromMinutes(1), stdin: "1234\n");
            Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
            Assert.Equal(ExpectedSteps, StepsOf(stdout));
            Assert.Contains("  prompt blink", stdout, StringComparison.Ordinal);
            Assert.Contains("  verdict: Accepted", stdout, StringComparison.Ordinal);
            Assert.Contains("  name: 山田 太郎", stdout, StringComparison.Ordinal);
            Assert.Contains("  photo: 12 bytes", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("1234", stdout, StringComparison.Ordinal);

            var tls = $"tls:127.0.0.1:{host.TlsPort}:{host.Fingerprint}:{host.Token}";
            (exit, stdout, stderr) = await Run.ProgramAsync(program, [tls, "19800217", "2031"], TimeSpan.FromMinutes(1), stdin: "9999\n");
            Assert.True(exit == 1, $"exit {exit}\n{stdout}\n{stderr}");
            Assert.Contains("  verdict: CredentialRefused", stdout, StringComparison.Ordinal);
            Assert.Contains("  error: CredentialRejected:", stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task The_python_ctypes_sample_runs_a_full_tap()
    {
        var library = Repo.RequireLibrary("linux-x64");
        var script = Path.Combine(Repo.Root, "native", "samples", "python", "tap_ctypes.py");
        await using var host = await TestHost.StartAsync(stepDelayMs: 5);
        var environment = new Dictionary<string, string> { ["PYTHONIOENCODING"] = "utf-8" };
        var (exit, stdout, stderr) = await Run.ProgramAsync("python3", [script, "--lib", library, "--unix", host.SocketPath, "--birth-date", "19800217", "--expiry-year", "2031"], TimeSpan.FromMinutes(1), environment, stdin: "1234\n");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal(ExpectedSteps, StepsOf(stdout));
        Assert.Contains("  verdict: Accepted", stdout, StringComparison.Ordinal);
        Assert.Contains("  name: 山田 太郎", stdout, StringComparison.Ordinal);
        Assert.Contains("  birthDate: 1980-02-17", stdout, StringComparison.Ordinal);
        Assert.Contains("  photo: 12 bytes (JPEG 2000)", stdout, StringComparison.Ordinal);

        (exit, stdout, stderr) = await Run.ProgramAsync("python3", [script, "--lib", library, "--tls", "127.0.0.1:" + host.TlsPort, "--fingerprint", new string('0', 64), "--token", host.Token, "--birth-date", "19800217", "--expiry-year", "2031"], TimeSpan.FromMinutes(1), environment, stdin: "1234\n");
        Assert.True(exit == 3, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("CertificatePinMismatch", stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// Both samples against the real readerkit-host in simulation (not the scripted test host): the C program over
    /// the Unix socket, the ctypes script over TLS with the pinned certificate and a paired token.
    /// </summary>
    [Fact]
    public async Task The_c_and_ctypes_samples_run_a_full_tap_against_the_host_in_simulation()
    {
        var library = Repo.RequireLibrary("linux-x64");
        var persona = ReaderKit.VirtualCard.Personas.PersonaCatalog.Get("yamada-taro");
        var birth = persona.Holder.DateOfBirthDigits;
        var expiry = persona.ExpiryDate.Year.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
        var work = Directory.CreateTempSubdirectory("rk-sample-sim-").FullName;
        await using var host = await SimulatedHost.StartAsync();
        try
        {
            File.Copy(library, Path.Combine(work, "libreaderkit.so"));
            var program = Path.Combine(work, "tap");
            var source = Path.Combine(Repo.Root, "native", "samples", "c", "tap.c");
            var (built, _, gccErrors) = await Run.ProgramAsync("gcc", ["-std=c11", "-Wall", "-Wextra", "-Werror", "-I", Path.GetDirectoryName(Repo.Header)!, "-o", program, source, "-L", work, "-lreaderkit", "-Wl,-rpath,$ORIGIN"], TimeSpan.FromMinutes(1));
            Assert.True(built == 0, gccErrors);

            var (exit, stdout, stderr) = await Run.ProgramAsync(program, ["unix:" + host.SocketPath, birth, expiry], TimeSpan.FromMinutes(3), stdin: persona.SecurityCode + "\n");
            Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
            AssertRealTap(StepsOf(stdout));
            Assert.Contains("  verdict: Accepted", stdout, StringComparison.Ordinal);
            Assert.Contains("  name: " + persona.Holder.FullName, stdout, StringComparison.Ordinal);
            Assert.Contains("  face.decision: matched", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(persona.SecurityCode, stdout, StringComparison.Ordinal);

            var script = Path.Combine(Repo.Root, "native", "samples", "python", "tap_ctypes.py");
            var environment = new Dictionary<string, string> { ["PYTHONIOENCODING"] = "utf-8" };
            (exit, stdout, stderr) = await Run.ProgramAsync("python3", [script, "--lib", library, "--tls", "127.0.0.1:" + host.TlsPort, "--fingerprint", host.Fingerprint, "--token", host.Token, "--birth-date", birth, "--expiry-year", expiry], TimeSpan.FromMinutes(3), environment, stdin: persona.SecurityCode + "\n");
            Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
            AssertRealTap(StepsOf(stdout));
            Assert.Contains("  verdict: Accepted", stdout, StringComparison.Ordinal);
            Assert.Contains("  name: " + persona.Holder.FullName, stdout, StringComparison.Ordinal);
            Assert.Contains("  birthDate: " + persona.Holder.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), stdout, StringComparison.Ordinal);
            Assert.Matches(@"  photo: \d{4,} bytes \(JPEG 2000\)", stdout);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The card steps in order, each once; the face steps (overlapped with the card read) somewhere among them.</summary>
    private static void AssertRealTap(List<string> steps)
    {
        Assert.Equal(["cardPresent", "credentialChecked", "cardFaceRead", "signaturesChecked", "chipChallenge"], steps.Where(s => !s.StartsWith("face", StringComparison.Ordinal) && s != "result"));
        Assert.Contains("faceMatched", steps);
        Assert.Equal(steps.Count, steps.Distinct().Count());
    }

    private static List<string> StepsOf(string stdout) =>
        [.. stdout.Split('\n').Where(l => l.StartsWith("  step ", StringComparison.Ordinal)).Select(l => l["  step ".Length..].Trim())];
}
