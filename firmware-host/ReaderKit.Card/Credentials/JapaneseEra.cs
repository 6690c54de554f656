namespace ReaderKit.Card.Credentials;

/// <summary>One Japanese era (元号) and the Gregorian date of its first day.</summary>
public sealed record JapaneseEra(string Name, string Kanji, DateOnly FirstDay)
{
    /// <summary>
    /// Modern eras with exact first days (data, so a new era is one line). Meiji is supported from
    /// 1873-01-01 (Meiji 6), when Japan adopted the Gregorian calendar; earlier Meiji dates are lunisolar.
    /// </summary>
    public static IReadOnlyList<JapaneseEra> All { get; } =
    [
        new("Meiji", "明治", new DateOnly(1868, 1, 25)),
        new("Taisho", "大正", new DateOnly(1912, 7, 30)),
        new("Showa", "昭和", new DateOnly(1926, 12, 25)),
        new("Heisei", "平成", new DateOnly(1989, 1, 8)),
        new("Reiwa", "令和", new DateOnly(2019, 5, 1)),
    ];

    /// <summary>Earliest date <see cref="ToEraDate"/> accepts.</summary>
    public static DateOnly MinSupported { get; } = new(1873, 1, 1);

    /// <summary>Gregorian year of era year 1 (the era's first day may be mid-year).</summary>
    public int FirstYear => FirstDay.Year;

    /// <summary>The era a Gregorian date falls in, with its era year (1-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Before <see cref="MinSupported"/>.</exception>
    public static (JapaneseEra Era, int EraYear) ToEraDate(DateOnly date)
    {
        if (date < MinSupported)
        {
            throw new ArgumentOutOfRangeException(nameof(date), "Dates before 1873-01-01 (lunisolar calendar) are not supported.");
        }

        for (var i = All.Count - 1; i >= 0; i--)
        {
            if (date >= All[i].FirstDay)
            {
                return (All[i], date.Year - All[i].FirstYear + 1);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(date));
    }

    /// <summary>The Gregorian date for an era date, or null when it does not exist (e.g. Showa 64-01-08).</summary>
    public DateOnly? ToGregorian(int eraYear, int month, int day)
    {
        if (eraYear < 1 || month is < 1 or > 12 || day < 1)
        {
            return null;
        }

        var year = FirstYear + eraYear - 1;
        if (year > DateOnly.MaxValue.Year || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        var date = new DateOnly(year, month, day);
        if (date < FirstDay || date < MinSupported)
        {
            return null;
        }

        var index = All.ToList().IndexOf(this);
        return index + 1 < All.Count && date >= All[index + 1].FirstDay ? null : date;
    }
}
