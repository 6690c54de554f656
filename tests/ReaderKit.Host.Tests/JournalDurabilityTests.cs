using System.Diagnostics;
using Microsoft.Data.Sqlite;
using ReaderKit.Host.Journal;
using Xunit.Abstractions;

namespace ReaderKit.Host.Tests;

/// <summary>
/// A child process appends records and prints each id only after Append returned; the test kills it with SIGKILL at
/// a random moment, 100 times against the same journal, and checks that every acknowledged id survived and that
/// <c>PRAGMA integrity_check</c> is ok.
/// </summary>
public sealed class JournalDurabilityTests(ITestOutputHelper output)
{
    private static readonly int Kills = int.TryParse(Environment.GetEnvironmentVariable("READERKIT_TEST_KILLS"), out var k) ? k : 100;

    private static string WriterDll()
    {
        // tests/ReaderKit.Host.Tests/bin/<Configuration>/<tfm>/ → tests/ReaderKit.Host.JournalWriter/bin/<Configuration>/<tfm>/
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = bin.Name;
        var configuration = bin.Parent!.Name;
        var tests = bin.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(tests, "ReaderKit.Host.JournalWriter", "bin", configuration, tfm, "ReaderKit.Host.JournalWriter.dll");
        Assert.True(File.Exists(dll), $"the writer child was not built: {dll}");
        return dll;
    }

    [Fact]
    public async Task Sigkill_during_writes_loses_no_acknowledged_record()
    {
        using var dir = new TempDir();
        var dll = WriterDll();
        var journalPath = dir.File("journal.db");
        var keyPath = dir.File("keys.json");
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        var random = new Random(20261120);
        var killedMidWrite = 0;
        var stopwatch = Stopwatch.StartNew();
        for (var run = 0; run < Kills; run++)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(dll);
            psi.ArgumentList.Add(journalPath);
            psi.ArgumentList.Add(keyPath);
            psi.ArgumentList.Add("100000");
            using var child = Process.Start(psi)!;
            var ready = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (ready != "ready")
            {
                child.Kill();
                Assert.Fail($"run {run}: the writer did not start: {ready} {await child.StandardError.ReadToEndAsync()}");
            }

            // Let it write for a random number of acknowledged records (0 = kill while the first write is in flight),
            // then a random sub-millisecond-to-few-ms extra delay so the kill lands at arbitrary points of a commit.
            var target = random.Next(0, 12);
            var thisRun = new List<string>();
            while (thisRun.Count < target)
            {
                var line = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                Assert.NotNull(line);
                thisRun.Add(line);
            }

            var spin = random.Next(0, 4000);
            for (var i = 0; i < spin; i++)
            {
                Thread.SpinWait(50);
            }

            child.Kill();
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(137, child.ExitCode);

            // Lines already printed before the kill (still buffered in the pipe) are acknowledged too.
            string? rest;
            while ((rest = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))) is not null)
            {
                if (rest.Length == 16)
                {
                    thisRun.Add(rest);
                }
            }

            killedMidWrite += thisRun.Count > 0 ? 1 : 0;
            acknowledged.UnionWith(thisRun);
        }

        stopwatch.Stop();
        using var keys = DeviceKeyRing.Open(keyPath);
        using var journal = TapJournal.Open(journalPath, keys, TimeProvider.System, "durability");
        Assert.Equal("ok", journal.IntegrityCheck());
        var missing = acknowledged.Where(id => !Exists(journal, id)).ToList();
        output.WriteLine($"{Kills} SIGKILLs in {stopwatch.Elapsed.TotalSeconds:F1} s; {acknowledged.Count} acknowledged records; {journal.Count()} in the journal; {missing.Count} missing; {killedMidWrite} runs killed after writing");
        Assert.Empty(missing);
        Assert.True(journal.Count() >= acknowledged.Count);

        // Every stored record still reads back in full (personal blob decrypts).
        foreach (var id in acknowledged.Take(50))
        {
            Assert.NotNull(journal.ReadPersonalData(JournalRecordId.Parse(id), PersonalDataPurpose.StaffReview));
        }
    }

    private static bool Exists(TapJournal journal, string id)
    {
        try
        {
            journal.Get(JournalRecordId.Parse(id));
            return true;
        }
        catch (RecordNotFoundException)
        {
            return false;
        }
        catch (SqliteException)
        {
            return false;
        }
    }
}
