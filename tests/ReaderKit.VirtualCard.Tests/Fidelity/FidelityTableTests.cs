namespace ReaderKit.VirtualCard.Tests.Fidelity;

/// <summary>
/// Every row of the fidelity table through the APDU transport integrators use (<c>IApduTransport</c>), each on a fresh card;
/// and the README table equal to the rows (set <c>READERKIT_UPDATE_FIDELITY_TABLE=1</c> to rewrite it from them).
/// </summary>
public sealed class FidelityTableTests(CardFixture fixture) : IClassFixture<CardFixture>
{
    public static TheoryData<string> Rows() => [.. FidelityRows.All.Select(r => r.Id)];

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Row(string id)
    {
        var row = FidelityRows.Get(id);
        var image = fixture.Image(row.Persona);
        if (row.Profile is { } profile)
        {
            image = image with { Profile = profile };
        }

        var card = new VirtualMyNumberCard(image);
        await row.Check(new TransportScript(image, card));
    }

    [Fact]
    public void Row_ids_are_unique_and_every_row_cites_a_source()
    {
        Assert.Equal(FidelityRows.All.Count, FidelityRows.All.Select(r => r.Id).Distinct().Count());
        Assert.All(FidelityRows.All, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Source), r.Id);
            Assert.True(r.IsUnknown || r.Virtual is null, $"{r.Id}: an established row must be matched (Virtual = same)");
            Assert.True(!r.IsUnknown || r.Virtual is not null, $"{r.Id}: a [U] row says what the virtual card answers");
        });
        Assert.True(FidelityRows.All.Count(r => !r.IsUnknown) >= 100, "the table covers every established behaviour, not a sample");
    }

    [Fact]
    public void Readme_table_is_generated_from_the_rows()
    {
        var path = FidelityReadme.ReadmePath();
        var readme = File.ReadAllText(path);
        var start = readme.IndexOf(FidelityReadme.Start, StringComparison.Ordinal);
        var end = readme.IndexOf(FidelityReadme.End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the README has the fidelity-table markers");
        var current = readme[start..(end + FidelityReadme.End.Length)];
        var expected = FidelityReadme.Render(FidelityRows.All);
        if (current != expected && Environment.GetEnvironmentVariable("READERKIT_UPDATE_FIDELITY_TABLE") == "1")
        {
            File.WriteAllText(path, readme[..start] + expected + readme[(end + FidelityReadme.End.Length)..]);
            return;
        }

        Assert.Equal(expected, current);
    }
}
