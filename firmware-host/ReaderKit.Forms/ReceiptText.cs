using System.Globalization;

namespace ReaderKit.Forms;

/// <summary>The fixed Japanese wording shared by the form and the slip, and the input checks both rely on.</summary>
internal static class ReceiptText
{
    public const string VerifiedMark = "［IC読取・検証済］";
    public const string HandwrittenHint = "（ご本人が記入）";
    public const string NoMyNumber = "この用紙にマイナンバー（個人番号）は記載していません。QRコードには記録番号と照合用ハッシュのみを記録しています。";

    public static string Mode(ReceiptMode mode) => mode switch
    {
        ReceiptMode.Offline => "オフライン（オンライン資格確認 利用不可）",
        ReceiptMode.Online => "オンライン",
        _ => "不明",
    };

    public static string Check(ReceiptCheckKind kind) => kind switch
    {
        ReceiptCheckKind.CardGenuine => "カードの真正性（J-LIS署名の検証）",
        ReceiptCheckKind.ChipPresent => "ICチップの実在（チャレンジ応答）",
        ReceiptCheckKind.FaceMatched => "顔照合（カメラとICチップの写真）",
        ReceiptCheckKind.StaffConfirmed => "職員による目視確認（ICチップの写真）",
        _ => kind.ToString(),
    };

    /// <summary>The check's short label for a narrow slip.</summary>
    public static string CheckShort(ReceiptCheckKind kind) => kind switch
    {
        ReceiptCheckKind.CardGenuine => "真正性（J-LIS署名）",
        ReceiptCheckKind.ChipPresent => "ICチップ実在",
        ReceiptCheckKind.FaceMatched => "顔照合",
        ReceiptCheckKind.StaffConfirmed => "職員の目視確認",
        _ => kind.ToString(),
    };

    public static string Status(ReceiptCheckStatus status) => status switch
    {
        ReceiptCheckStatus.Passed => "合格",
        ReceiptCheckStatus.Failed => "不合格",
        _ => "未実施",
    };

    public static string Time(DateTimeOffset t, TimeSpan offset)
    {
        var local = t.ToOffset(offset);
        var zone = offset == TimeSpan.FromHours(9) ? "JST" : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{local.Year}年{local.Month}月{local.Day}日 {local:HH:mm:ss} {zone}");
    }

    public static string Western(DateOnly d) => string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日");

    public static string Era(DateOnly d, EraYear era) =>
        string.Create(CultureInfo.InvariantCulture, $"{era.Era}{(era.Year == 1 ? "元" : era.Year.ToString(CultureInfo.InvariantCulture))}年{d.Month}月{d.Day}日");

    /// <summary>The hash in groups of four for reading aloud or typing.</summary>
    public static string Grouped(string hash) => string.Join(' ', hash.Chunk(4).Select(c => new string(c)));

    /// <summary>Fail closed on anything that must not be printed.</summary>
    public static void Validate(VerificationReceipt receipt, VerifiedPersonalFields fields, FormOptions options)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(receipt.RecordId) || string.IsNullOrWhiteSpace(receipt.DeviceId))
        {
            throw new FormInputException("A receipt needs a record id and a device id.");
        }

        if (receipt.Hash is not { Length: ReceiptSeal.HashHexLength } || !receipt.Hash.All(c => char.IsAsciiDigit(c) || char.IsAsciiHexDigitLower(c)))
        {
            throw new FormInputException($"The receipt hash must be {ReceiptSeal.HashHexLength} lower-case hex characters (ReceiptSeal.Compute).");
        }

        if (receipt.Checks.GroupBy(c => c.Kind).Any(g => g.Count() > 1))
        {
            throw new FormInputException("A receipt lists each check at most once.");
        }

        if (fields.Any && receipt.StatusOf(ReceiptCheckKind.CardGenuine) != ReceiptCheckStatus.Passed)
        {
            throw new FormInputException("Personal fields may be pre-filled only from a card whose J-LIS signature verified.");
        }

        if (fields.BirthDate is not null && fields.BirthDateEra is not { Year: > 0, Era.Length: > 0 })
        {
            throw new FormInputException("A pre-filled birth date needs its era form.");
        }

        if ((receipt.StaffOperatorId is null) != (receipt.StatusOf(ReceiptCheckKind.StaffConfirmed) == ReceiptCheckStatus.NotPerformed))
        {
            throw new FormInputException("A staff operator id goes with the staff confirmation check, and only with it.");
        }

        foreach (var text in new[] { receipt.RecordId, receipt.DeviceId, receipt.StaffOperatorId, fields.Name, fields.Address, fields.Sex, options.SiteName })
        {
            if (LooksLikeMyNumber(text))
            {
                throw new FormInputException("A printed value holds a run of 12 or more digits (the shape of a My Number); nothing was rendered.");
            }
        }
    }

    /// <summary>True for a run of ≥ 12 digits (ASCII or full-width), optionally separated by single spaces or hyphens.</summary>
    public static bool LooksLikeMyNumber(string? text)
    {
        if (text is null)
        {
            return false;
        }

        var run = 0;
        var lastWasSeparator = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) || c is >= '０' and <= '９')
            {
                run++;
                lastWasSeparator = false;
                if (run >= 12)
                {
                    return true;
                }
            }
            else if (run > 0 && !lastWasSeparator && c is ' ' or '-' or '－' or '　')
            {
                lastWasSeparator = true;
            }
            else
            {
                run = 0;
                lastWasSeparator = false;
            }
        }

        return false;
    }
}
