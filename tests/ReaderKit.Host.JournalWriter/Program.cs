using System.Globalization;
using ReaderKit.Contracts;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Outage;

// Child process for the journal durability test: appends tap records as fast as it can and prints each record id on
// its own line only after TapJournal.Append has returned (the record is acknowledged). The test kills it with
// SIGKILL at a random moment and then checks that every printed id is in the journal.
// usage: ReaderKit.Host.JournalWriter JOURNAL KEYFILE COUNT
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: ReaderKit.Host.JournalWriter JOURNAL KEYFILE COUNT");
    return 2;
}

var count = int.Parse(args[2], CultureInfo.InvariantCulture);
using var keys = DeviceKeyRing.OpenOrCreate(args[1], TimeProvider.System);
using var journal = TapJournal.Open(args[0], keys, TimeProvider.System, "durability", ["name", "photo"]);
var stdout = Console.Out;
stdout.WriteLine("ready");
stdout.Flush();
var photo = new byte[4096];
for (var i = 0; i < count; i++)
{
    var now = DateTimeOffset.UtcNow;
    var id = journal.Append(new TapJournalEntry
    {
        StartedAt = now,
        FinishedAt = now,
        Verdict = VerdictKind.Accepted,
        Error = ErrorCode.Ok,
        Checks = [new CheckLine("surface.cvc", CheckLineStatus.Pass, "ok"), new CheckLine("face.match", CheckLineStatus.Pass, "score 0.71 >= 0.60")],
        Timings = new Dictionary<string, TimeSpan> { ["total"] = TimeSpan.FromMilliseconds(i) },
        Mode = i % 2 == 0 ? OperatingMode.Offline : OperatingMode.Online,
        TrustAnchor = "test",
        Identity = IdentityMethod.FaceMatched,
        CardIdentity = BitConverter.GetBytes(i),
        Personal = new PersonalData("Name " + i, null, null, photo),
    });
    stdout.WriteLine(id.Compact);
    stdout.Flush();
}

return 0;
