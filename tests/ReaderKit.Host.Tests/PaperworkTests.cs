using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReaderKit.Contracts;
using ReaderKit.Forms;
using ReaderKit.Forms.Tests;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Outage;
using ReaderKit.Host.Paperwork;
using ReaderKit.Host.Tools;

namespace ReaderKit.Host.Tests;

/// <summary>Journal record → form/slip → reconciliation export, through the host's paperwork service and tools.</summary>
public sealed class PaperworkTests
{
    private const string Name = "山田花子";
    private const string Address = "大阪府大阪市北区梅田三丁目一番一号";
    private static readonly DateOnly Birth = new(1989, 1, 8); // 平成元年1月8日

    private static readonly CheckLine[] GenuineChecks =
    [
        new("surface.cvc", CheckLineStatus.Pass, "CVC verified under the J-LIS CA"),
        new("surface.card-face-signature", CheckLineStatus.Pass, "DF28 signature verified"),
        new("surface.card-presence", CheckLineStatus.Pass, "chip signed the challenge"),
        new("face.match", CheckLineStatus.Pass, "score above threshold"),
    ];

    private static string Config(TempDir dir, string extra = "") =>
        $$"""{ "Reader": { "DeviceId": "t", "StatusFile": "{{dir.File("status.json")}}", "ModelsDirectory": "{{dir.File("models")}}" }, "Journal": { "Path": "{{dir.File("journal.db")}}", "KeyFile": "{{dir.File("keys.json")}}" }{{extra}} }""";

    private static TapJournalEntry Tap(OperatingMode mode = OperatingMode.Offline, VerdictKind verdict = VerdictKind.Accepted, CheckLine[]? checks = null,
        IdentityMethod identity = IdentityMethod.FaceMatched, string? staff = null) => new()
        {
            StartedAt = Fixtures.Start,
            FinishedAt = Fixtures.Start.AddSeconds(7.25),
            Verdict = verdict,
            Error = verdict == VerdictKind.Accepted ? ErrorCode.Ok : ErrorCode.NotGenuine,
            Mode = mode,
            Checks = checks ?? GenuineChecks,
            Identity = identity,
            StaffOperatorId = staff,
            CardIdentity = new byte[] { 1, 2, 3 },
            Personal = new PersonalData(Name, Address, Birth, [0xFF, 0x4F]),
        };

    [Fact]
    public void Round_trip_offline_record_to_form_to_export_matches_by_record_id_and_hash()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("appsettings.json"), Config(dir));
        var settings = HostSettings.Load(dir.File("appsettings.json"));
        var time = new FakeTimeProvider(Fixtures.Start);
        var (keys, journal) = Fixtures.OpenJournal(dir, time, "name", "address", "birthDate");
        JournalRecordId id;
        string pdfPath;
        using (keys)
        using (journal)
        {
            journal.Append(Tap(mode: OperatingMode.Online));
            id = journal.Append(Tap());
            var paperwork = new OutagePaperwork(journal, keys, new PaperworkOptions());
            pdfPath = paperwork.WritePdf(id, dir.File(OutagePaperwork.FileName(id)));
            Assert.EndsWith($"readerkit-form-{id}.pdf", pdfPath, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pdfPath));
            Assert.Equal(1, journal.PersonalDataAccessCount(id));
        }

        if (Environment.GetEnvironmentVariable("READERKIT_PAPER_SAMPLES") is { Length: > 0 } samples)
        {
            // For the closing note: keep this journal so `readerkit form` / `journal export` can be run against it by hand.
            Directory.CreateDirectory(samples);
            File.Copy(dir.File("journal.db"), Path.Combine(samples, "journal.db"), overwrite: true);
            File.Copy(dir.File("keys.json"), Path.Combine(samples, "device-keys.json"), overwrite: true);
            File.WriteAllText(Path.Combine(samples, "record-id.txt"), id.ToString());
        }

        var text = PdfTools.Text(pdfPath);
        Assert.Contains(Name, text, StringComparison.Ordinal);
        Assert.Contains(Address, text, StringComparison.Ordinal);
        Assert.Contains("1989年1月8日（平成元年1月8日）", text, StringComparison.Ordinal);
        Assert.Contains(id.ToString(), text, StringComparison.Ordinal);
        Assert.Contains("2026年11月20日 18:00:07 JST", text, StringComparison.Ordinal);
        Assert.True(ReceiptSeal.TryParseQrPayload(Assert.Single(PdfTools.Decode(PdfTools.Png(pdfPath, 150))), out var qrId, out var qrHash));
        Assert.Equal(id.ToString(), qrId);

        using var output = new MemoryStream();
        using var messages = new StringWriter();
        Assert.Equal(0, JournalTool.Export(settings.Journal, Fixtures.Start.AddDays(-1), true, JournalExportFormat.Jsonl, output, messages, time));
        var exported = Encoding.UTF8.GetString(output.ToArray());
        var line = Assert.Single(exported.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        Assert.Equal(qrId, json.RootElement.GetProperty("record_id").GetString());
        Assert.Equal(qrHash, json.RootElement.GetProperty("receipt_hash").GetString());
        Assert.DoesNotContain(Name, exported, StringComparison.Ordinal);
        Assert.DoesNotContain(Address, exported, StringComparison.Ordinal);

        using var csv = new MemoryStream();
        Assert.Equal(0, JournalTool.Export(settings.Journal, Fixtures.Start.AddDays(-1), true, JournalExportFormat.Csv, csv, messages, time));
        var rows = Encoding.UTF8.GetString(csv.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",receipt_hash", rows[0], StringComparison.Ordinal);
        Assert.StartsWith(qrId + ",", rows[1], StringComparison.Ordinal);
        Assert.EndsWith("," + qrHash, rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_fields_the_site_keeps_are_printed_and_the_hash_covers_them()
    {
        using var dir = new TempDir();
        var time = Fixtures.Clock();
        var (keys, journal) = Fixtures.OpenJournal(dir, time, "name");
        using (keys)
        using (journal)
        {
            var id = journal.Append(Tap());
            var paperwork = new OutagePaperwork(journal, keys, new PaperworkOptions());
            var form = paperwork.BuildForm(id);
            Assert.Equal(Name, form.Fields.Name);
            Assert.Null(form.Fields.Address);
            Assert.Null(form.Fields.BirthDate);
            Assert.True(ReceiptSeal.Verify(new KeyOver(keys), form.Receipt, form.Fields));
            Assert.False(ReceiptSeal.Verify(new KeyOver(keys), form.Receipt, form.Fields with { Name = "山田花" }));
            Assert.Equal(form.Receipt.Hash, paperwork.ReceiptHash(journal.Get(id)));

            var text = PdfTools.Text(PdfTools.Save(paperwork.RenderFormPdf(id), "kept-name-only.pdf"));
            Assert.Contains(Name, text, StringComparison.Ordinal);
            Assert.DoesNotContain("大阪", text, StringComparison.Ordinal);
            Assert.DoesNotContain("1989", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Sex_is_pre_filled_from_the_verified_card_face_only_when_the_site_keeps_it_and_prints_the_item()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("appsettings.json"), Config(dir));
        Assert.Equal(["name", "sex"], HostSettings.Load(dir.File("appsettings.json"), new Dictionary<string, string?>
        {
            ["Journal:KeepPersonalFields:0"] = "name",
            ["Journal:KeepPersonalFields:1"] = "sex",
        }).Journal.KeepPersonalFields);
        var time = Fixtures.Clock();
        var tap = Tap() with { Personal = new PersonalData(Name, Address, Birth, null, ReaderKit.Card.Records.Sex.Female) };
        JournalRecordId kept, notKept;
        var (keys, journal) = Fixtures.OpenJournal(dir, time, "name", "sex");
        using (keys)
        using (journal)
        {
            kept = journal.Append(tap);
            Assert.Equal(ReaderKit.Card.Records.Sex.Female, journal.ReadPersonalData(kept, PersonalDataPurpose.Reconciliation)!.Sex);

            var enabled = new OutagePaperwork(journal, keys, new PaperworkOptions { IncludeSex = true });
            Assert.Equal("女", enabled.BuildForm(kept).Fields.Sex);
            var words = PdfTools.Words(PdfTools.Save(enabled.RenderFormPdf(kept), "sex-kept.pdf"));
            var label = words.Single(w => w.Text == "性別");
            Assert.Contains(words, w => w.Text == "女" && Math.Abs(w.YMid - label.YMid) < 8 && w.XMin > label.XMax);
            Assert.Equal(2, words.Count(w => w.Text == "［IC読取・検証済］")); // 氏名 and 性別

            var disabled = new OutagePaperwork(journal, keys, new PaperworkOptions());
            var text = PdfTools.Text(PdfTools.Save(disabled.RenderFormPdf(kept), "sex-off.pdf"));
            Assert.DoesNotContain("性別", text, StringComparison.Ordinal);
            Assert.DoesNotContain("女", text, StringComparison.Ordinal);
        }

        using var other = new TempDir();
        var (keys2, journal2) = Fixtures.OpenJournal(other, time, "name");
        using (keys2)
        using (journal2)
        {
            notKept = journal2.Append(tap);
            var enabled = new OutagePaperwork(journal2, keys2, new PaperworkOptions { IncludeSex = true });
            Assert.Null(enabled.BuildForm(notKept).Fields.Sex);
            var text = PdfTools.Text(PdfTools.Save(enabled.RenderFormPdf(notKept), "sex-not-kept.pdf")).Replace(" ", "", StringComparison.Ordinal);
            Assert.Contains("□男", text, StringComparison.Ordinal); // the item is there, blank for the holder
        }
    }

    [Fact]
    public void Printing_fewer_fields_keeps_the_hash_of_the_journal_data()
    {
        using var dir = new TempDir();
        var time = Fixtures.Clock();
        var (keys, journal) = Fixtures.OpenJournal(dir, time, "name", "address", "birthDate");
        using (keys)
        using (journal)
        {
            var id = journal.Append(Tap());
            var paperwork = new OutagePaperwork(journal, keys, new PaperworkOptions());
            var full = paperwork.BuildForm(id);
            var narrowed = paperwork.BuildForm(id, ["birthDate"]);
            Assert.Null(narrowed.Fields.Name);
            Assert.Null(narrowed.Fields.Address);
            Assert.Equal(Birth, narrowed.Fields.BirthDate);
            Assert.Equal(new EraYear("平成", 1), narrowed.Fields.BirthDateEra);
            Assert.Equal(full.Receipt.Hash, narrowed.Receipt.Hash);
            Assert.Equal(full.Receipt.Hash, paperwork.ReceiptHash(journal.Get(id)));

            var text = PdfTools.Text(PdfTools.Save(paperwork.RenderFormPdf(id, []), "nothing-asked.pdf"));
            Assert.DoesNotContain(Name, text, StringComparison.Ordinal);
            Assert.DoesNotContain("1989", text, StringComparison.Ordinal);
            Assert.Contains(id.ToString(), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_record_that_did_not_verify_prints_nothing_and_exports_no_receipt_hash()
    {
        using var dir = new TempDir();
        var time = Fixtures.Clock();
        var (keys, journal) = Fixtures.OpenJournal(dir, time, "name", "address", "birthDate");
        using (keys)
        using (journal)
        {
            var paperwork = new OutagePaperwork(journal, keys, new PaperworkOptions());
            var notGenuine = journal.Append(Tap(verdict: VerdictKind.NotGenuine, checks: [new("surface.card-face-signature", CheckLineStatus.Fail, "bad signature")], identity: IdentityMethod.None));
            var noCardChecks = journal.Append(Tap(checks: [new("face.match", CheckLineStatus.Pass, "ok")]));
            foreach (var id in new[] { notGenuine, noCardChecks })
            {
                Assert.Throws<FormInputException>(() => paperwork.RenderFormPdf(id));
                Assert.Throws<FormInputException>(() => paperwork.RenderSlipPdf(id));
                Assert.Null(paperwork.ReceiptHash(journal.Get(id)));
                Assert.Equal(0, journal.PersonalDataAccessCount(id));
            }

            Assert.Throws<RecordNotFoundException>(() => paperwork.BuildForm(JournalRecordId.New(Fixtures.Start)));
        }
    }

    [Fact]
    public void A_staff_confirmed_tap_prints_the_operator_and_no_face_match()
    {
        using var dir = new TempDir();
        var time = Fixtures.Clock();
        var (keys, journal) = Fixtures.OpenJournal(dir, time);
        using (keys)
        using (journal)
        {
            var checks = GenuineChecks.Take(3).Append(new CheckLine("identity.staff", CheckLineStatus.Pass, "confirmed")).ToArray();
            var id = journal.Append(Tap(checks: checks, identity: IdentityMethod.ConfirmedVisuallyByStaff, staff: "op-7"));
            var paperwork = new OutagePaperwork(journal, keys, new PaperworkOptions { SlipWidthMm = 58 });
            var form = paperwork.BuildForm(id);
            Assert.Equal(ReceiptCheckStatus.Passed, form.Receipt.StatusOf(ReceiptCheckKind.StaffConfirmed));
            Assert.Equal(ReceiptCheckStatus.NotPerformed, form.Receipt.StatusOf(ReceiptCheckKind.FaceMatched));
            Assert.Same(VerifiedPersonalFields.None, form.Fields);

            var slip = PdfTools.Save(paperwork.RenderSlipPdf(id), "staff-slip.pdf");
            Assert.Equal(164.41, PdfTools.PageSize(slip).Width, 0.5);
            var text = PdfTools.Text(slip);
            Assert.Matches(@"合格\s+職員の目視確認[\s\S]*op-7", text);
            Assert.Matches(@"未実施\s+顔照合", text);
        }
    }

    [Fact]
    public void The_form_tool_writes_the_pdf_and_prints_its_path_with_typed_exit_codes()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("appsettings.json"), Config(dir, """, "Paperwork": { "SiteName": "みどり薬局" }"""));
        var settings = HostSettings.Load(dir.File("appsettings.json"));
        Assert.Equal("みどり薬局", settings.Paperwork.SiteName);
        var time = Fixtures.Clock();
        using var output = new StringWriter();
        using var messages = new StringWriter();
        Assert.Equal(ToolExitCodes.Unavailable, JournalTool.Form(settings.Journal, settings.Paperwork, "01JH-3K5M-8Q2R-7XZW", dir.File("x.pdf"), false, output, messages, time));

        JournalRecordId good, bad;
        var (keys, journal) = Fixtures.OpenJournal(dir, time, "name");
        using (keys)
        using (journal)
        {
            good = journal.Append(Tap());
            bad = journal.Append(Tap(verdict: VerdictKind.NotGenuine, identity: IdentityMethod.None));
        }

        Assert.Equal(0, JournalTool.Form(settings.Journal, settings.Paperwork, good.ToString().ToLowerInvariant(), dir.File("form.pdf"), false, output, messages, time));
        Assert.Equal(dir.File("form.pdf"), output.ToString().Trim());
        Assert.Contains("みどり薬局", PdfTools.Text(dir.File("form.pdf")), StringComparison.Ordinal);
        Assert.Equal(0, JournalTool.Form(settings.Journal, settings.Paperwork, good.ToString(), dir.File("slip.pdf"), true, output, messages, time));
        Assert.Equal(226.77, PdfTools.PageSize(dir.File("slip.pdf")).Width, 0.5);

        Assert.Equal(ToolExitCodes.InvalidInput, JournalTool.Form(settings.Journal, settings.Paperwork, "nope", dir.File("y.pdf"), false, output, messages, time));
        Assert.Equal(ToolExitCodes.InvalidInput, JournalTool.Form(settings.Journal, settings.Paperwork, JournalRecordId.New(Fixtures.Start).ToString(), dir.File("y.pdf"), false, output, messages, time));
        Assert.Equal(ToolExitCodes.InvalidInput, JournalTool.Form(settings.Journal, settings.Paperwork, bad.ToString(), dir.File("y.pdf"), false, output, messages, time));
        Assert.False(File.Exists(dir.File("y.pdf")));
        Assert.Contains("did not verify", messages.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Paperwork_settings_are_validated_with_one_message_each()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("appsettings.json"), Config(dir));
        var e = Assert.Throws<OptionsValidationException>(() => HostSettings.Load(dir.File("appsettings.json"), new Dictionary<string, string?>
        {
            ["Paperwork:SlipWidthMm"] = "60",
            ["Paperwork:FontPath"] = dir.File("no-such-font.ttf"),
        }));
        Assert.Equal(2, e.Failures.Count());
        Assert.Contains(e.Failures, f => f.Contains("Paperwork:SlipWidthMm must be 58 or 80", StringComparison.Ordinal));
    }

    [Fact]
    public void The_receipt_key_is_derived_and_differs_from_the_card_hash()
    {
        using var dir = new TempDir();
        using var keys = DeviceKeyRing.OpenOrCreate(dir.File("k.json"), Fixtures.Clock());
        using var other = DeviceKeyRing.OpenOrCreate(dir.File("k2.json"), Fixtures.Clock());
        var message = "abc"u8.ToArray();
        Assert.Equal(keys.MacReceipt(message), keys.MacReceipt(message));
        Assert.NotEqual(keys.MacReceipt(message), other.MacReceipt(message));
        Assert.NotEqual(keys.HashCardIdentity(message), Convert.ToHexStringLower(keys.MacReceipt(message)));
        keys.RotateDataKey(Fixtures.Clock());
        using var reopened = DeviceKeyRing.Open(dir.File("k.json"));
        Assert.Equal(keys.MacReceipt(message), reopened.MacReceipt(message));
    }

    private sealed class KeyOver(DeviceKeyRing keys) : IReceiptKey
    {
        public byte[] Mac(ReadOnlySpan<byte> message) => keys.MacReceipt(message);
    }
}
