namespace ReaderKit.Pcsc.Tests;

/// <summary>Picking one reader by name from pcscd's list.</summary>
public sealed class PcscReaderSelectionTests
{
    private static readonly string[] Readers = ["SONY FeliCa Port/PaSoRi 3.0 00 00", "ACS ACR1252 Dual Reader [ACR1252 Dual Reader PICC] 00 00", "ACS ACR1252 Dual Reader [ACR1252 Dual Reader SAM] 00 01"];

    [Theory]
    [InlineData("pasori", "SONY FeliCa Port/PaSoRi 3.0 00 00")]
    [InlineData("PICC", "ACS ACR1252 Dual Reader [ACR1252 Dual Reader PICC] 00 00")]
    [InlineData("acs acr1252 dual reader [acr1252 dual reader sam] 00 01", "ACS ACR1252 Dual Reader [ACR1252 Dual Reader SAM] 00 01")]
    public void A_unique_case_insensitive_substring_picks_the_reader(string filter, string expected) =>
        Assert.Equal(expected, PcscReaderSelection.Select(Readers, filter));

    [Fact]
    public void An_exact_name_wins_over_longer_names_that_contain_it()
    {
        string[] readers = ["Virtual PCD 00 00", "Virtual PCD 00 00 (2)"];
        Assert.Equal("Virtual PCD 00 00", PcscReaderSelection.Select(readers, "virtual pcd 00 00"));
    }

    [Fact]
    public void Several_matches_are_ambiguous_and_every_reader_is_listed()
    {
        var e = Assert.Throws<PcscReaderSelectionException>(() => PcscReaderSelection.Select(Readers, "ACR1252"));
        Assert.True(e.IsAmbiguous);
        Assert.Equal(2, e.Matching.Count);
        Assert.Equal(Apdu.CardTransportFailure.ReaderUnavailable, e.Failure);
        Assert.All(Readers, r => Assert.Contains(r, e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void No_match_lists_the_readers_there_are()
    {
        var e = Assert.Throws<PcscReaderSelectionException>(() => PcscReaderSelection.Select(Readers, "ACR122U"));
        Assert.False(e.IsAmbiguous);
        Assert.Contains("ACR122U", e.Message, StringComparison.Ordinal);
        Assert.All(Readers, r => Assert.Contains(r, e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_name_the_only_reader_is_taken_and_two_are_ambiguous()
    {
        Assert.Equal(Readers[0], PcscReaderSelection.Select([Readers[0]], null));
        Assert.True(Assert.Throws<PcscReaderSelectionException>(() => PcscReaderSelection.Select(Readers, " ")).IsAmbiguous);
    }

    [Fact]
    public void No_reader_at_all_says_so()
    {
        var e = Assert.Throws<PcscReaderSelectionException>(() => PcscReaderSelection.Select([], "pasori"));
        Assert.Empty(e.Available);
        Assert.Contains("No PC/SC reader is connected", e.Message, StringComparison.Ordinal);
    }
}
