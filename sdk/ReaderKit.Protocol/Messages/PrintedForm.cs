namespace ReaderKit.Protocol.Messages;

/// <summary>
/// <c>tap.printForm</c> result: <c>{tapId, recordId, kind, contentType, pdf (bin), receiptHash}</c>. <c>recordId</c> is
/// the journal record the paperwork prints (its form/receipt id); <c>receiptHash</c> is the keyed hash its QR code
/// carries, the same value <c>journal.export</c> lists for reconciliation.
/// </summary>
public sealed record PrintedForm(string TapId, string RecordId, string Kind, byte[] Pdf, string ReceiptHash)
{
    /// <summary>Always <c>application/pdf</c> in v1.</summary>
    public string ContentType { get; init; } = "application/pdf";
}
