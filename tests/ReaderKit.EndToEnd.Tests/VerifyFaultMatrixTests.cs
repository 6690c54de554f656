using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ReaderKit.Apdu;
using ReaderKit.Card.Credentials;
using ReaderKit.Nfc;
using ReaderKit.Trust;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;
using Xunit.Abstractions;

namespace ReaderKit.EndToEnd.Tests;

/// <summary>
/// Issue 9 §1: one attempt = at most one VERIFY per key, whatever the link does. The verification `readerkit verify`
/// runs by default (surface AP: CVC, AP info, 照合番号B, card face, chip challenge; then the common AP) goes through the
/// production PN532 driver over every link of the unpaced emulator. Every link fault
/// (<see cref="LinkFault.All"/>) is injected at every APDU of it, the VERIFYs included, and the virtual card counts the
/// VERIFYs that carried a value. Each row prints its line of the VERIFY-count table.
/// </summary>
public sealed class VerifyFaultMatrixTests(ITestOutputHelper output)
{
    private const int MaxTries = 10;

    private static readonly DateTimeOffset At = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    // The text AP key is watched too: a verification without --text must never touch it.
    private static readonly (ApplicationKind Application, ushort KeyFileId)[] NumberBKeys = [(ApplicationKind.Surface, 0x0012), (ApplicationKind.Text, 0x0015)];

    private static readonly Lazy<TrustStore> Trust = new(() => TrustStore.Production.WithJson(TestPki.Default.ExportTrustJson(), "TestPki.Default"));

    // A small photo keeps the card face to a few READ BINARYs; personalisation is done once, each attempt gets a fresh card.
    private static readonly Lazy<CardImage> Image = new(() =>
    {
        var body = SHA256.HashData(Encoding.UTF8.GetBytes("fault-matrix"));
        byte[] photo = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A, .. Enumerable.Range(0, 600).Select(i => body[i % 32])];
        return VirtualMyNumberCard.Create(PersonaCatalog.Default, DelegateChipPhotoSource.Fixed(photo)).Image;
    });

    private static readonly Lazy<CardInspector> Inspector = new(() => new CardInspector(
        new TrustOptions { TrustStore = Trust.Value, AllowTestAnchors = true },
        new CardInspectionOptions { VerificationTime = At, ReadTextAp = false, ReadJpki = false, ReadCommonAp = true }));

    private static string Correct => PersonaCatalog.Default.VerificationNumberB;

    private static string Mistyped => Correct[..^1] + (Correct[^1] == '0' ? '1' : '0');

    public static TheoryData<MatrixLink, string, MatrixIsoDep> Rows()
    {
        var rows = new TheoryData<MatrixLink, string, MatrixIsoDep>();
        foreach (var isoDep in Enum.GetValues<MatrixIsoDep>())
        {
            foreach (var link in Enum.GetValues<MatrixLink>())
            {
                foreach (var fault in LinkFault.All)
                {
                    rows.Add(link, fault.Name, isoDep);
                }
            }
        }

        return rows;
    }

    public static TheoryData<MatrixLink, MatrixIsoDep> Links()
    {
        var rows = new TheoryData<MatrixLink, MatrixIsoDep>();
        foreach (var isoDep in Enum.GetValues<MatrixIsoDep>())
        {
            foreach (var link in Enum.GetValues<MatrixLink>())
            {
                rows.Add(link, isoDep);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Every_apdu_of_a_verification_under_the_fault_executes_at_most_one_verify_per_key(MatrixLink link, string faultName, MatrixIsoDep isoDep)
    {
        var fault = LinkFault.Get(faultName);
        await using var reader = FaultMatrixReader.Create(link);

        var reference = await AttemptAsync(reader, new VirtualMyNumberCard(Image.Value), Correct, -1, fault, isoDep);
        Assert.True(reference.Error is null && reference.Genuine, $"fault-free reference run failed: {reference.Error}");
        Assert.Equal([1, 0], reference.Executions);
        Assert.True(reference.ExtendedReads > 0, "the verification no longer reads the card face with an extended Le: the matrix would not cover that path");

        var row = new VerifyCountRow(link, fault.Name, isoDep);
        VirtualMyNumberCard? last = null;
        for (var index = 0; index < reference.Exchanges; index++)
        {
            var card = last = new VirtualMyNumberCard(Image.Value);
            var attempt = await AttemptAsync(reader, card, Correct, index, fault, isoDep);
            row.Add(attempt);
            var where = $"{link}/{isoDep} {fault.Name} at APDU {index} (INS {attempt.FaultedIns:X2})";
            Assert.True(attempt.Executions.All(e => e <= 1), $"{where}: VERIFYs per key {string.Join('/', attempt.Executions)}");
            foreach (var (application, key) in NumberBKeys)
            {
                Assert.Equal(MaxTries, card.RemainingTries(application, key)); // the right number never spends a try
            }

            Assert.True(attempt.Error is null or CardException, $"{where}: untyped error {attempt.Error}");
            Assert.False(attempt.Error is CardTransportException && attempt.FailedAtValueVerify, $"{where}: a link failure on the VERIFY value surfaced as {attempt.Error?.GetType().Name}, not as outcome unknown");

            if (attempt.FaultedIns == ApduInstructions.Verify || attempt.Error is CredentialOutcomeUnknownException)
            {
                await AssertNextTapSucceedsAsync(reader, card, where, isoDep);
            }
        }

        await AssertNextTapSucceedsAsync(reader, last!, $"{link}/{isoDep} {fault.Name} after the row", isoDep);
        output.WriteLine(VerifyCountRow.Header);
        output.WriteLine(row.ToString());
        Assert.Equal(0, row.MoreThanOne);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_mistyped_number_with_three_tries_left_never_blocks_the_card(MatrixLink link, string faultName, MatrixIsoDep isoDep)
    {
        var fault = LinkFault.Get(faultName);
        await using var reader = FaultMatrixReader.Create(link);
        var floor = RetryPolicy.Default.Floor;

        // The attempt ends at the surface VERIFY (rejected); the counter query is the APDU before it.
        var reference = await AttemptAsync(reader, ThreeTriesLeft(), Mistyped, -1, fault, isoDep);
        Assert.IsType<CredentialRejectedException>(reference.Error);
        var verifyIndex = reference.Exchanges - 1;

        foreach (var index in new[] { verifyIndex - 1, verifyIndex })
        {
            // Three taps in a row with the same fault at the same APDU, as an impatient holder would try.
            var card = ThreeTriesLeft();
            var spentBefore = card.ExecutedValueVerifies(ApplicationKind.Surface, 0x0012);
            for (var tap = 1; tap <= 3; tap++)
            {
                var attempt = await AttemptAsync(reader, card, Mistyped, index, fault, isoDep);
                var where = $"{link}/{isoDep} {fault.Name} at APDU {index}, tap {tap}";
                Assert.True(attempt.Error is CardException, $"{where}: {attempt.Error?.GetType().Name ?? "accepted"}");
                AssertAtOrAboveFloor(card, floor, where);
                Assert.True(card.ExecutedValueVerifies(ApplicationKind.Surface, 0x0012) - spentBefore <= 1, $"{where}: more than one try spent");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task No_sequence_of_faults_on_the_verify_blocks_a_card_with_three_tries_left(MatrixLink link, MatrixIsoDep isoDep)
    {
        // Sequences of taps with the mistyped value, each tap with one fault on the VERIFY that carries it: first the
        // faults that keep the VERIFY from the card (so that as many taps as possible reach it), then seeded shuffles.
        await using var reader = FaultMatrixReader.Create(link);
        var reference = await AttemptAsync(reader, ThreeTriesLeft(), Mistyped, -1, LinkFault.All[0], isoDep);
        var verifyIndex = reference.Exchanges - 1;
        string[] neverExecuted = ["deaf-chip", "deaf-chip-twice", "chip-reset", "rf-crc-error", "card-removed-before-apdu"];
        var orders = new List<LinkFault[]> { LinkFault.All.OrderBy(f => neverExecuted.Contains(f.Name) ? 0 : 1).ToArray() };
        for (var seed = 1; seed <= 5; seed++)
        {
            var shuffled = LinkFault.All.ToArray();
            new Random(seed).Shuffle(shuffled);
            orders.Add(shuffled);
        }

        foreach (var order in orders)
        {
            var card = ThreeTriesLeft();
            var spentBefore = card.ExecutedValueVerifies(ApplicationKind.Surface, 0x0012);
            var reached = 0;
            var outcomes = new List<string>();
            foreach (var fault in order)
            {
                var attempt = await AttemptAsync(reader, card, Mistyped, verifyIndex, fault, isoDep);
                reached += attempt.Exchanges > verifyIndex ? 1 : 0;
                outcomes.Add($"{fault.Name}: {attempt.Error?.GetType().Name}");
                AssertAtOrAboveFloor(card, RetryPolicy.Default.Floor, $"{link}/{isoDep} after {string.Join(", ", outcomes)}");
            }

            Assert.True(card.ExecutedValueVerifies(ApplicationKind.Surface, 0x0012) - spentBefore <= 1, $"{link}/{isoDep}: {string.Join(", ", outcomes)}");
            Assert.True(reached >= 1);
            output.WriteLine($"{link}/{isoDep}: {reached} of {order.Length} taps reached the VERIFY; {string.Join("; ", outcomes)}");
        }
    }

    private static void AssertAtOrAboveFloor(VirtualMyNumberCard card, int floor, string where)
    {
        foreach (var (application, key) in NumberBKeys)
        {
            var left = card.RemainingTries(application, key);
            Assert.True(left >= floor, $"{where}: {application} key {key:X4} at {left} tries, below the floor {floor}");
        }
    }

    private static async Task AssertNextTapSucceedsAsync(FaultMatrixReader reader, VirtualMyNumberCard card, string where, MatrixIsoDep isoDep)
    {
        var next = await AttemptAsync(reader, card, Correct, -1, LinkFault.All[0], isoDep);
        Assert.True(next.Error is null && next.Genuine, $"{where}: the next tap failed: {next.Error}");
        Assert.Equal([1, 0], next.Executions);
    }

    /// <summary>A card whose 照合番号B counters stand at 3, as after seven earlier mistypes.</summary>
    private static VirtualMyNumberCard ThreeTriesLeft()
    {
        var card = new VirtualMyNumberCard(Image.Value);
        foreach (var (application, key) in NumberBKeys)
        {
            Assert.Equal([0x90, 0x00], card.ProcessApdu([0x00, 0xA4, 0x04, 0x0C, 0x0A, .. MyNumberCardAids.Of(application)]));
            Assert.Equal([0x90, 0x00], card.ProcessApdu([0x00, 0xA4, 0x02, 0x0C, 0x02, (byte)(key >> 8), (byte)key]));
            for (var i = 0; i < MaxTries - 3; i++)
            {
                card.ProcessApdu([0x00, 0x20, 0x00, 0x80, 0x0E, .. "00000000000000"u8]);
            }

            Assert.Equal(3, card.RemainingTries(application, key));
        }

        card.FieldOff();
        return card;
    }

    private static async Task<Attempt> AttemptAsync(FaultMatrixReader reader, VirtualMyNumberCard card, string digits, int faultIndex, LinkFault fault, MatrixIsoDep isoDep)
    {
        var before = NumberBKeys.Select(k => card.ExecutedValueVerifies(k.Application, k.KeyFileId)).ToArray();
        var options = new Pn532TransportOptions { MinimumTimeout = TimeSpan.FromMilliseconds(10), SlowCommandTimeout = TimeSpan.FromMilliseconds(10), OwnIsoDep = isoDep == MatrixIsoDep.Own };
        var production = await reader.OpenAsync(card, options);
        Assert.Equal(isoDep == MatrixIsoDep.Own, production is Pn532IsoDepTransport);
        var transport = new FaultAtApduTransport(
            production,
            faultIndex,
            () => fault.Arm(reader.Emulator.Faults),
            FaultMatrixReader.FaultedApduDeadline);
        var channel = new ApduChannel(transport, FaultMatrixReader.ApduDeadline);
        using var number = VerificationNumberB.Parse(digits);
        Exception? error = null;
        var genuine = false;
        try
        {
            using var result = await Inspector.Value.InspectAsync(channel, number, null, CancellationToken.None);
            genuine = result.IsGenuine;
        }
        catch (Exception ex)
        {
            error = ex;
        }
        finally
        {
            reader.Emulator.Faults.Clear();
            if (production is IAsyncDisposable session)
            {
                // As the tap does: the own session ends with S(DESELECT) (or a field reset) before the target is released.
                await session.DisposeAsync();
            }
        }

        var executions = NumberBKeys.Select((k, i) => card.ExecutedValueVerifies(k.Application, k.KeyFileId) - before[i]).ToArray();
        var faultedIns = faultIndex >= 0 && faultIndex < transport.Exchanges.Count ? transport.Exchanges[faultIndex].Ins : (byte)0;
        var failedAtValueVerify = transport.FailedAt is { } f && transport.Exchanges[f] is { Ins: ApduInstructions.Verify, HasData: true };
        return new Attempt(transport.Exchanges.Count, executions, error, genuine, faultedIns, failedAtValueVerify, transport.ExtendedReads);
    }

    private sealed record Attempt(int Exchanges, int[] Executions, Exception? Error, bool Genuine, byte FaultedIns, bool FailedAtValueVerify, int ExtendedReads);

    /// <summary>One line of the VERIFY-count table: how many VERIFYs the card executed per attempt, and how the attempts ended.</summary>
    private sealed class VerifyCountRow(MatrixLink link, string fault, MatrixIsoDep isoDep)
    {
        public const string Header = "| link | ISO-DEP | fault | attempts | attempts with 0 / 1 / ≥2 VERIFYs executed | genuine | not genuine | VERIFY outcome unknown | other typed errors |";

        private readonly int[] _histogram = new int[3];
        private readonly Dictionary<string, int> _errors = [];
        private int _attempts;
        private int _genuine;
        private int _notGenuine;
        private int _unknown;

        public int MoreThanOne => _histogram[2];

        public void Add(Attempt attempt)
        {
            _attempts++;
            _histogram[Math.Min(attempt.Executions.Sum(), 2)]++;

            switch (attempt.Error)
            {
                case null when attempt.Genuine:
                    _genuine++;
                    break;
                case null:
                    _notGenuine++;
                    break;
                case CredentialOutcomeUnknownException:
                    _unknown++;
                    break;
                case { } ex:
                    var name = ex is CardTransportException t ? $"{ex.GetType().Name}({t.Failure})" : ex.GetType().Name;
                    _errors[name] = _errors.GetValueOrDefault(name) + 1;
                    break;
            }
        }

        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"| {link} | {isoDep} | {fault} | {_attempts} | {_histogram[0]} / {_histogram[1]} / {_histogram[2]} | {_genuine} | {_notGenuine} | {_unknown} | {(_errors.Count == 0 ? "–" : string.Join(", ", _errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}")))} |");
    }
}
