using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ReaderKit.Host.Journal;

/// <summary>
/// Writes journal records for reconciliation with the online eligibility system once it is back. Never includes
/// personal fields: the record id, times, verdict, checks, mode and the keyed card hash are enough to match the signed
/// paperwork (which prints the same record id) to the later online check. The record id is the paperwork's form/receipt
/// id; <c>receipt_hash</c> is the keyed hash its QR code carries (null when no paperwork can be printed from the record,
/// or when the caller supplies no hash function).
/// </summary>
public static class JournalExporter
{
    /// <summary>The CSV columns, in order.</summary>
    public static readonly IReadOnlyList<string> CsvColumns =
    [
        "record_id", "device_id", "started_at", "finished_at", "mode", "verdict", "error_code", "error_name", "identity_method",
        "staff_operator_id", "trust_anchor", "card_hash", "checks", "reconciled_at", "reconciliation_ref", "receipt_hash",
    ];

    /// <summary>Writes <paramref name="records"/> to <paramref name="output"/> (UTF-8, LF line ends); returns the record count.</summary>
    /// <param name="records">The records, in order.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="format">JSON lines or CSV.</param>
    /// <param name="receiptHash">The paperwork's keyed hash for a record, or null (e.g. <c>OutagePaperwork.ReceiptHash</c>); none writes null for every record.</param>
    public static int Write(IEnumerable<JournalRecord> records, Stream output, JournalExportFormat format, Func<JournalRecord, string?>? receiptHash = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(output);
        var n = 0;
        if (format == JournalExportFormat.Csv)
        {
            using var w = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            w.WriteLine(string.Join(',', CsvColumns));
            foreach (var r in records)
            {
                w.WriteLine(string.Join(',', CsvFields(r, receiptHash?.Invoke(r)).Select(Csv)));
                n++;
            }

            return n;
        }

        foreach (var r in records)
        {
            using (var w = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                WriteJson(w, r, receiptHash?.Invoke(r));
            }

            output.WriteByte((byte)'\n');
            n++;
        }

        output.Flush();
        return n;
    }

    /// <summary>One record as a JSON object (the jsonl line).</summary>
    public static void WriteJson(Utf8JsonWriter w, JournalRecord r, string? receiptHash = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.WriteStartObject();
        w.WriteString("record_id", r.Id.ToString());
        w.WriteString("device_id", r.DeviceId);
        w.WriteString("started_at", Iso(r.StartedAt));
        w.WriteString("finished_at", Iso(r.FinishedAt));
        w.WriteString("mode", Word(r.Mode.ToString()));
        w.WriteString("verdict", Word(r.Verdict.ToString()));
        w.WriteStartObject("error");
        w.WriteNumber("code", (int)r.Error);
        w.WriteString("name", r.ErrorName);
        w.WriteEndObject();
        w.WriteString("identity_method", Word(r.Identity.ToString()));
        WriteOptional(w, "staff_operator_id", r.StaffOperatorId);
        WriteOptional(w, "trust_anchor", r.TrustAnchor);
        WriteOptional(w, "card_hash", r.CardHash);
        w.WriteStartArray("checks");
        foreach (var c in r.Checks)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("status", c.StatusWord);
            w.WriteString("reason", c.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("timings_ms");
        foreach (var (step, d) in r.Timings)
        {
            w.WriteNumber(step, Math.Round(d.TotalMilliseconds, 3));
        }

        w.WriteEndObject();
        w.WriteBoolean("personal_data_kept", r.HasPersonalData);
        WriteOptional(w, "reconciled_at", r.ReconciledAt is { } at ? Iso(at) : null);
        WriteOptional(w, "reconciliation_ref", r.ReconciliationReference);
        WriteOptional(w, "receipt_hash", receiptHash);
        w.WriteEndObject();
    }

    /// <summary>The kebab-case word for an enum name (<c>ConfirmedVisuallyByStaff</c> → <c>confirmed-visually-by-staff</c>).</summary>
    public static string Word(string pascal)
    {
        ArgumentNullException.ThrowIfNull(pascal);
        var sb = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    private static IEnumerable<string> CsvFields(JournalRecord r, string? receiptHash) =>
    [
        r.Id.ToString(), r.DeviceId, Iso(r.StartedAt), Iso(r.FinishedAt), Word(r.Mode.ToString()), Word(r.Verdict.ToString()),
        ((int)r.Error).ToString(CultureInfo.InvariantCulture), r.ErrorName, Word(r.Identity.ToString()), r.StaffOperatorId ?? "",
        r.TrustAnchor ?? "", r.CardHash ?? "", string.Join("; ", r.Checks.Select(c => $"{c.StatusWord} {c.Name}")),
        r.ReconciledAt is { } at ? Iso(at) : "", r.ReconciliationReference ?? "", receiptHash ?? "",
    ];

    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
