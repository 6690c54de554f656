namespace ReaderKit.Forms;

/// <summary>
/// The verification receipt: what the reader established about one tap, printed on the form and on the thermal slip.
/// <see cref="Hash"/> is the keyed hash from <see cref="ReceiptSeal.Compute"/> over this receipt and the verified
/// fields; the QR code carries <see cref="RecordId"/> and <see cref="Hash"/> (no personal data).
/// </summary>
public sealed record VerificationReceipt
{
    /// <summary>The journal record id as printed (e.g. <c>01JH-3K5M-8Q2R-7XZW</c>): the form/receipt id.</summary>
    public required string RecordId { get; init; }

    /// <summary>The reader's device id.</summary>
    public required string DeviceId { get; init; }

    /// <summary>When the verification was decided.</summary>
    public required DateTimeOffset VerifiedAt { get; init; }

    /// <summary>Online/offline when the tap started.</summary>
    public required ReceiptMode Mode { get; init; }

    /// <summary>Every receipt check, one per kind at most.</summary>
    public required IReadOnlyList<ReceiptCheck> Checks { get; init; }

    /// <summary>The staff operator id when the holder was confirmed visually by staff.</summary>
    public string? StaffOperatorId { get; init; }

    /// <summary>The keyed hash (lower-case hex, 32 characters) from <see cref="ReceiptSeal.Compute"/>.</summary>
    public required string Hash { get; init; }

    /// <summary>The status of <paramref name="kind"/> (<see cref="ReceiptCheckStatus.NotPerformed"/> when absent).</summary>
    public ReceiptCheckStatus StatusOf(ReceiptCheckKind kind) =>
        Checks.FirstOrDefault(c => c.Kind == kind)?.Status ?? ReceiptCheckStatus.NotPerformed;
}
