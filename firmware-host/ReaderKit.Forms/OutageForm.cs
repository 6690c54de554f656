namespace ReaderKit.Forms;

/// <summary>Everything the self-declaration form prints: the receipt and the verified personal fields.</summary>
/// <param name="Receipt">The verification receipt (also printed on its own as the slip).</param>
/// <param name="Fields">The verified fields to pre-fill; <see cref="VerifiedPersonalFields.None"/> leaves every item blank.</param>
public sealed record OutageForm(VerificationReceipt Receipt, VerifiedPersonalFields Fields);
