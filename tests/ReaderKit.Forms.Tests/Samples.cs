using System.Security.Cryptography;

namespace ReaderKit.Forms.Tests;

internal sealed class TestKey(byte[] key) : IReceiptKey
{
    public static TestKey Fixed { get; } = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public byte[] Mac(ReadOnlySpan<byte> message) => HMACSHA256.HashData(key, message);
}

internal static class Samples
{
    public const string Name = "山田太郎";
    public const string Address = "東京都千代田区霞が関一丁目二番三号";
    public static readonly DateOnly BirthDate = new(1980, 2, 17);

    public static VerifiedPersonalFields AllFields => new()
    {
        Name = Name,
        Address = Address,
        BirthDate = BirthDate,
        BirthDateEra = new EraYear("昭和", 55),
    };

    public static VerificationReceipt Receipt(string? staff = null, ReceiptCheckStatus genuine = ReceiptCheckStatus.Passed) => new()
    {
        RecordId = "01JH-3K5M-8Q2R-7XZW",
        DeviceId = "reader-7",
        VerifiedAt = new DateTimeOffset(2026, 12, 2, 1, 23, 45, TimeSpan.Zero),
        Mode = ReceiptMode.Offline,
        Checks =
        [
            new(ReceiptCheckKind.CardGenuine, genuine),
            new(ReceiptCheckKind.ChipPresent, ReceiptCheckStatus.Passed),
            staff is null ? new(ReceiptCheckKind.FaceMatched, ReceiptCheckStatus.Passed) : new(ReceiptCheckKind.StaffConfirmed, ReceiptCheckStatus.Passed),
        ],
        StaffOperatorId = staff,
        Hash = new string('0', ReceiptSeal.HashHexLength),
    };

    public static OutageForm Form(VerifiedPersonalFields fields, string? staff = null)
    {
        var receipt = Receipt(staff);
        return new OutageForm(receipt with { Hash = ReceiptSeal.Compute(TestKey.Fixed, receipt, fields) }, fields);
    }
}
