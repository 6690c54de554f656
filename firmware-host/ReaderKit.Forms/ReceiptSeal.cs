using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReaderKit.Forms;

/// <summary>
/// The keyed hash that ties printed paperwork to its journal record without printing personal data in the QR code:
/// HMAC-SHA256 under the device's receipt key over a canonical encoding of the receipt (record id, device, time, mode,
/// checks, staff operator) and the verified fields, truncated to 128 bits, lower-case hex. Anyone holding the device
/// key and the journal recomputes it; anyone else learns nothing from it.
/// </summary>
/// <remarks>
/// Canonical bytes: the ASCII label <c>readerkit-receipt-v1</c>, then each item as <c>tag(1) ‖ length(4, big-endian)
/// ‖ UTF-8</c>, or <c>tag ‖ FF FF FF FF</c> when absent, in a fixed order. The record id is hashed in its compact form
/// (no hyphens, upper case) so typing variants of the same id agree. The era form is not hashed (it is derived from the
/// birth date).
/// </remarks>
public static class ReceiptSeal
{
    /// <summary>The QR payload's prefix; the full payload is <c>readerkit:form:v1:RECORD-ID:HASH</c>.</summary>
    public const string QrPrefix = "readerkit:form:v1:";

    /// <summary>Length of <see cref="VerificationReceipt.Hash"/> in hex characters.</summary>
    public const int HashHexLength = 32;

    private static readonly byte[] Label = Encoding.ASCII.GetBytes("readerkit-receipt-v1");

    /// <summary>The keyed hash over <paramref name="receipt"/> (its <see cref="VerificationReceipt.Hash"/> is ignored) and <paramref name="fields"/>.</summary>
    public static string Compute(IReceiptKey key, VerificationReceipt receipt, VerifiedPersonalFields fields)
    {
        ArgumentNullException.ThrowIfNull(key);
        var message = CanonicalBytes(receipt, fields);
        try
        {
            var mac = key.Mac(message);
            if (mac.Length < HashHexLength / 2)
            {
                throw new InvalidOperationException("The receipt key returned a MAC shorter than 128 bits.");
            }

            return Convert.ToHexStringLower(mac.AsSpan(0, HashHexLength / 2));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(message);
        }
    }

    /// <summary>True when <paramref name="receipt"/>'s hash is the one <paramref name="key"/> computes for it and <paramref name="fields"/> (constant time).</summary>
    public static bool Verify(IReceiptKey key, VerificationReceipt receipt, VerifiedPersonalFields fields)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var expected = Encoding.ASCII.GetBytes(Compute(key, receipt, fields));
        var actual = Encoding.ASCII.GetBytes(receipt.Hash ?? "");
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>The text the QR code carries: <c>readerkit:form:v1:RECORD-ID:HASH</c>.</summary>
    public static string QrPayload(VerificationReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return QrPrefix + receipt.RecordId + ":" + receipt.Hash;
    }

    /// <summary>Parses a scanned QR payload into the record id (as printed) and the hash.</summary>
    public static bool TryParseQrPayload(string? payload, out string recordId, out string hash)
    {
        recordId = "";
        hash = "";
        if (payload is null || !payload.StartsWith(QrPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = payload.AsSpan(QrPrefix.Length).Trim();
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || rest.Length - colon - 1 != HashHexLength)
        {
            return false;
        }

        var h = rest[(colon + 1)..];
        foreach (var c in h)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        recordId = rest[..colon].ToString();
        hash = h.ToString();
        return true;
    }

    /// <summary>The canonical bytes that are MACed (see remarks on the type). The caller zeroes them.</summary>
    internal static byte[] CanonicalBytes(VerificationReceipt receipt, VerifiedPersonalFields fields)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(fields);
        using var buffer = new MemoryStream();
        buffer.Write(Label);
        Item(buffer, 1, CompactId(receipt.RecordId));
        Item(buffer, 2, receipt.DeviceId);
        Item(buffer, 3, receipt.VerifiedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        Item(buffer, 4, receipt.Mode.ToString());
        Item(buffer, 5, string.Join(';', receipt.Checks.OrderBy(c => c.Kind).Select(c => $"{c.Kind}={c.Status}")));
        Item(buffer, 6, receipt.StaffOperatorId);
        Item(buffer, 7, fields.Name);
        Item(buffer, 8, fields.Address);
        Item(buffer, 9, fields.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Item(buffer, 10, fields.Sex);
        var bytes = buffer.ToArray();
        CryptographicOperations.ZeroMemory(buffer.GetBuffer());
        return bytes;
    }

    private static string CompactId(string id) => id.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();

    private static void Item(MemoryStream buffer, byte tag, string? value)
    {
        Span<byte> header = stackalloc byte[5];
        header[0] = tag;
        if (value is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(header[1..], uint.MaxValue);
            buffer.Write(header);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)bytes.Length);
        buffer.Write(header);
        buffer.Write(bytes);
        CryptographicOperations.ZeroMemory(bytes);
    }
}
