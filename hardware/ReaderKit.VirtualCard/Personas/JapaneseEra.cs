namespace ReaderKit.VirtualCard.Personas;

/// <summary>
/// The modern Japanese eras with their exact first days, for building the card's era dates
/// (照合番号B DOB part, surface AP birth-date key). The simulator's own calendar: independent of the verifier's.
/// </summary>
public static class JapaneseEra
{
    private static readonly (string Name, DateOnly Start)[] Eras =
    [
        ("Reiwa", new DateOnly(2019, 5, 1)),
        ("Heisei", new DateOnly(1989, 1, 8)),
        ("Showa", new DateOnly(1926, 12, 25)),
        ("Taisho", new DateOnly(1912, 7, 30)),
        ("Meiji", new DateOnly(1868, 1, 25)),
    ];

    /// <summary>Era name and era year of a Gregorian date (e.g. 1989-01-07 → Showa 64).</summary>
    public static (string Era, int Year) Of(DateOnly date)
    {
        foreach (var (name, start) in Eras)
        {
            if (date >= start)
            {
                return (name, date.Year - start.Year + 1);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(date), "Dates before Meiji are not supported.");
    }

    /// <summary>Era YYMMDD (6 digits): era year modulo 100, month, day.</summary>
    public static string EraYyMmDd(DateOnly date)
    {
        var (_, year) = Of(date);
        return $"{year % 100:00}{date.Month:00}{date.Day:00}";
    }

    /// <summary>Western YYMMDD (last two digits of the year), used for foreign residents [U].</summary>
    public static string WesternYyMmDd(DateOnly date) => $"{date.Year % 100:00}{date.Month:00}{date.Day:00}";
}
