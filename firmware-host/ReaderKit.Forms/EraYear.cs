namespace ReaderKit.Forms;

/// <summary>
/// The Japanese era form of a year (e.g. 昭和 55), supplied by the caller from the project's era table so this library
/// holds no calendar data of its own. Era year 1 prints as 元年.
/// </summary>
/// <param name="Era">The era's kanji, e.g. 昭和.</param>
/// <param name="Year">The era year, 1-based.</param>
public sealed record EraYear(string Era, int Year);
