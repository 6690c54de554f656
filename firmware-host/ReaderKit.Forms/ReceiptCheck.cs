namespace ReaderKit.Forms;

/// <summary>One line of the verification receipt.</summary>
/// <param name="Kind">Which check.</param>
/// <param name="Status">How it ended.</param>
public sealed record ReceiptCheck(ReceiptCheckKind Kind, ReceiptCheckStatus Status);
