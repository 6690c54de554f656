using CsCheck;
using ReaderKit.Card.Credentials;
using Xunit;

namespace ReaderKit.Card.Tests;

public sealed class JapaneseEraTests
{
    [Theory]
    [InlineData("1912-07-29", "Meiji", 45)]
    [InlineData("1912-07-30", "Taisho", 1)]
    [InlineData("1926-12-24", "Taisho", 15)]
    [InlineData("1926-12-25", "Showa", 1)]
    [InlineData("1989-01-07", "Showa", 64)]
    [InlineData("1989-01-08", "Heisei", 1)]
    [InlineData("2019-04-30", "Heisei", 31)]
    [InlineData("2019-05-01", "Reiwa", 1)]
    [InlineData("1980-02-17", "Showa", 55)]
    [InlineData("2020-02-24", "Reiwa", 2)]
    [InlineData("1873-01-01", "Meiji", 6)]
    public void Boundary_dates_map_to_the_right_era(string date, string era, int year)
    {
        var (e, y) = JapaneseEra.ToEraDate(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(era, e.Name);
        Assert.Equal(year, y);
    }

    [Fact]
    public void Dates_before_the_gregorian_adoption_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseEra.ToEraDate(new DateOnly(1872, 12, 31)));
    }

    [Fact]
    public void Era_dates_round_trip_for_every_supported_day()
    {
        Gen.Int[new DateOnly(1873, 1, 1).DayNumber, new DateOnly(2090, 12, 31).DayNumber].Sample(day =>
        {
            var date = DateOnly.FromDayNumber(day);
            var (era, year) = JapaneseEra.ToEraDate(date);
            Assert.Equal(date, era.ToGregorian(year, date.Month, date.Day));
            Assert.True(date >= era.FirstDay);
            var next = JapaneseEra.All.SkipWhile(e => e != era).Skip(1).FirstOrDefault();
            Assert.True(next is null || date < next.FirstDay);
        });
    }

    [Fact]
    public void Nonexistent_era_dates_are_null()
    {
        var showa = JapaneseEra.All.Single(e => e.Name == "Showa");
        var heisei = JapaneseEra.All.Single(e => e.Name == "Heisei");
        Assert.Null(showa.ToGregorian(64, 1, 8));
        Assert.Null(heisei.ToGregorian(1, 1, 7));
        Assert.Null(heisei.ToGregorian(31, 2, 30));
        Assert.Equal(new DateOnly(1989, 1, 7), showa.ToGregorian(64, 1, 7));
    }
}
