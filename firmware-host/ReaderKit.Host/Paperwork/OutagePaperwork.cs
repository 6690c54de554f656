using ReaderKit.Card.Credentials;
using ReaderKit.Contracts;
using ReaderKit.Forms;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Outage;
using ReaderKit.Trust;

namespace ReaderKit.Host.Paperwork;

/// <summary>
/// Outage paperwork from a journal record: the self-declaration form (A4 PDF) and the verification receipt slip, both
/// built from the record and the personal fields the site keeps (<c>Journal:KeepPersonalFields</c>), never from
/// anything typed in. Only a record whose verdict is Accepted and whose card verified genuine (J-LIS signature over the
/// card face and the surface CVC) is printed; its kept fields are the verified ones. Decryptions are audited
/// (<see cref="PersonalDataPurpose.OutagePaperwork"/> for printing, <see cref="PersonalDataPurpose.Reconciliation"/>
/// for the export's receipt hash). This is the call <c>readerkit form</c>, <c>readerkit demo --outage</c> and the
/// RPC <c>tap.printForm</c> use.
/// </summary>
public sealed class OutagePaperwork
{
    private readonly TapJournal _journal;
    private readonly DeviceReceiptKey _key;
    private readonly PaperworkOptions _options;

    public OutagePaperwork(TapJournal journal, DeviceKeyRing keys, PaperworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        _journal = journal;
        _key = new DeviceReceiptKey(keys);
        _options = options;
    }

    /// <summary>The renderer settings derived from the <c>Paperwork</c> section.</summary>
    public FormOptions FormOptions => new()
    {
        IncludeSex = _options.IncludeSex,
        SiteName = _options.SiteName,
        FontPath = _options.FontPath,
        LocalOffset = _options.UtcOffset,
    };

    /// <summary>The configured slip width.</summary>
    public SlipWidth SlipWidth => _options.SlipWidthMm == 58 ? SlipWidth.Mm58 : SlipWidth.Mm80;

    /// <summary>True when paperwork may be printed from <paramref name="record"/>: ACCEPT and the card verified genuine.</summary>
    public static bool IsPrintable(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Verdict == VerdictKind.Accepted && CardGenuine(record.Checks) == ReceiptCheckStatus.Passed;
    }

    /// <summary>
    /// The form's content for record <paramref name="id"/> (the kept personal fields are decrypted, audited as
    /// paperwork). <paramref name="printFields"/> (<c>name</c>, <c>address</c>, <c>birthDate</c>, <c>sex</c>) narrows
    /// what is pre-filled — e.g. to the fields an RPC caller asked for; null prints every kept field. The receipt hash
    /// always covers every kept field, so it matches the reconciliation export whatever was printed.
    /// </summary>
    /// <exception cref="RecordNotFoundException">No such record.</exception>
    /// <exception cref="FormInputException">The record did not verify (not Accepted, or the card was not verified genuine): no paperwork is printed from it.</exception>
    public OutageForm BuildForm(JournalRecordId id, IReadOnlyCollection<string>? printFields = null)
    {
        var record = _journal.Get(id);
        var fields = VerifiedFields(record, PersonalDataPurpose.OutagePaperwork);
        var receipt = ReceiptOf(record);
        receipt = receipt with { Hash = ReceiptSeal.Compute(_key, receipt, fields) };
        return new OutageForm(receipt, printFields is null ? fields : Restrict(fields, printFields));
    }

    /// <summary>The self-declaration form as PDF bytes (<paramref name="printFields"/> as in <see cref="BuildForm"/>).</summary>
    public byte[] RenderFormPdf(JournalRecordId id, IReadOnlyCollection<string>? printFields = null) =>
        OutageFormRenderer.RenderPdf(BuildForm(id, printFields), FormOptions);

    /// <summary>The receipt slip as PDF bytes (no personal field is printed on it; the hash still covers the kept fields).</summary>
    public byte[] RenderSlipPdf(JournalRecordId id, SlipWidth? width = null) =>
        ReceiptSlipRenderer.RenderPdf(BuildForm(id).Receipt, width ?? SlipWidth, FormOptions);

    /// <summary>The file name the tools use: <c>readerkit-form-01JH-3K5M-8Q2R-7XZW.pdf</c> (or <c>readerkit-slip-…</c>).</summary>
    public static string FileName(JournalRecordId id, bool slip = false) => $"readerkit-{(slip ? "slip" : "form")}-{id}.pdf";

    /// <summary>
    /// Journal record → PDF file: writes the form (or the slip when <paramref name="slip"/>) to <paramref name="path"/>
    /// (created owner-only: it holds personal data) and returns the full path. The library call behind
    /// <c>readerkit form</c> and <c>readerkit demo --outage</c>.
    /// </summary>
    public string WritePdf(JournalRecordId id, string path, bool slip = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = slip ? RenderSlipPdf(id) : RenderFormPdf(id);
        var full = Path.GetFullPath(path);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(full, options))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        return full;
    }

    /// <summary>
    /// The keyed hash the record's paperwork carries (what its QR code holds beside the record id), recomputed from the
    /// journal for reconciliation; null when no paperwork can be printed from the record. Decrypts the kept fields in
    /// memory, audited as <see cref="PersonalDataPurpose.Reconciliation"/>; never outputs them.
    /// </summary>
    public string? ReceiptHash(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!IsPrintable(record))
        {
            return null;
        }

        var fields = VerifiedFields(record, PersonalDataPurpose.Reconciliation);
        return ReceiptSeal.Compute(_key, ReceiptOf(record), fields);
    }

    /// <summary>The receipt facts of <paramref name="record"/> (its hash left empty).</summary>
    internal static VerificationReceipt ReceiptOf(JournalRecord record) => new()
    {
        RecordId = record.Id.ToString(),
        DeviceId = record.DeviceId,
        VerifiedAt = record.FinishedAt,
        Mode = record.Mode switch
        {
            OperatingMode.Offline => ReceiptMode.Offline,
            OperatingMode.Online => ReceiptMode.Online,
            _ => ReceiptMode.Unknown,
        },
        Checks =
        [
            new(ReceiptCheckKind.CardGenuine, CardGenuine(record.Checks)),
            new(ReceiptCheckKind.ChipPresent, Status(record.Checks, [CheckNames.SurfaceCardPresence])),
            new(ReceiptCheckKind.FaceMatched, record.Identity == IdentityMethod.FaceMatched
                ? ReceiptCheckStatus.Passed
                : record.Checks.Any(c => c.Name.StartsWith("face.", StringComparison.Ordinal) && c.Status == CheckLineStatus.Fail) ? ReceiptCheckStatus.Failed : ReceiptCheckStatus.NotPerformed),
            new(ReceiptCheckKind.StaffConfirmed, record.Identity == IdentityMethod.ConfirmedVisuallyByStaff ? ReceiptCheckStatus.Passed : ReceiptCheckStatus.NotPerformed),
        ],
        StaffOperatorId = record.Identity == IdentityMethod.ConfirmedVisuallyByStaff ? record.StaffOperatorId : null,
        Hash = "",
    };

    private VerifiedPersonalFields VerifiedFields(JournalRecord record, PersonalDataPurpose purpose)
    {
        if (!IsPrintable(record))
        {
            throw new FormInputException($"Record {record.Id} did not verify (verdict {JournalExporter.Word(record.Verdict.ToString())}); no paperwork is printed from it.");
        }

        var kept = record.HasPersonalData ? _journal.ReadPersonalData(record.Id, purpose) : null;
        if (kept is null)
        {
            return VerifiedPersonalFields.None;
        }

        EraYear? era = null;
        if (kept.BirthDate is { } birth)
        {
            if (birth < JapaneseEra.MinSupported)
            {
                throw new FormInputException($"Record {record.Id} holds a birth date before 1873, which has no era form.");
            }

            var (e, year) = JapaneseEra.ToEraDate(birth);
            era = new EraYear(e.Kanji, year);
        }

        return new VerifiedPersonalFields
        {
            Name = kept.Name,
            Address = kept.Address,
            BirthDate = kept.BirthDate,
            BirthDateEra = era,
            Sex = kept.Sex switch
            {
                Card.Records.Sex.Male => "男",
                Card.Records.Sex.Female => "女",
                _ => null, // 不明 / 適用不能: left for the holder
            },
        };
    }

    private static VerifiedPersonalFields Restrict(VerifiedPersonalFields fields, IReadOnlyCollection<string> allowed) => new()
    {
        Name = allowed.Contains("name") ? fields.Name : null,
        Address = allowed.Contains("address") ? fields.Address : null,
        BirthDate = allowed.Contains("birthDate") ? fields.BirthDate : null,
        BirthDateEra = allowed.Contains("birthDate") ? fields.BirthDateEra : null,
        Sex = allowed.Contains("sex") ? fields.Sex : null,
    };

    /// <summary>Genuine = the surface CVC and the J-LIS signature over the card face both passed; failed when either failed.</summary>
    private static ReceiptCheckStatus CardGenuine(IReadOnlyList<CheckLine> checks) =>
        Status(checks, [CheckNames.SurfaceCvc, CheckNames.SurfaceCardFace]);

    private static ReceiptCheckStatus Status(IReadOnlyList<CheckLine> checks, string[] names)
    {
        var lines = names.Select(n => checks.FirstOrDefault(c => c.Name == n)).ToList();
        if (lines.Any(l => l?.Status == CheckLineStatus.Fail))
        {
            return ReceiptCheckStatus.Failed;
        }

        return lines.All(l => l?.Status == CheckLineStatus.Pass) ? ReceiptCheckStatus.Passed : ReceiptCheckStatus.NotPerformed;
    }
}
