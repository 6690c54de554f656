using System.Text;

namespace ReaderKit.VirtualCard.Tests.Fidelity;

/// <summary>Renders the fidelity rows as the README table (between the two markers) and finds the README.</summary>
internal static class FidelityReadme
{
    public const string Start = "<!-- fidelity-table:start (generated from tests/ReaderKit.VirtualCard.Tests/Fidelity/FidelityRows.cs) -->";
    public const string End = "<!-- fidelity-table:end -->";

    public static string Render(IReadOnlyList<FidelityRow> rows)
    {
        var unknown = rows.Count(r => r.IsUnknown);
        var text = new StringBuilder();
        text.Append(Start).Append('\n');
        text.Append($"{rows.Count} rows: {rows.Count - unknown} published real-card behaviours, all matched by the virtual card; {unknown} not established by any public source [U] (the virtual card's answer is pinned so a change shows).\n\n");
        text.Append("| # | Where | Behaviour | APDU | Real card | Source | Virtual card | Test |\n");
        text.Append("|---|---|---|---|---|---|---|---|\n");
        foreach (var row in rows)
        {
            var card = row.Persona == "yamada-taro" && row.Profile is null ? string.Empty : $" ({row.Profile?.Name ?? row.Persona})";
            text.Append($"| {row.Id} | {Cell(row.Area)} | {Cell(row.Behaviour)}{Cell(card)} | `{Cell(row.Apdu)}` | {Cell(row.Real)} | {Cell(row.Source)} | {Cell(row.Virtual ?? "same")} | `Row({row.Id})` |\n");
        }

        text.Append(End);
        return text.ToString();
    }

    /// <summary>hardware/ReaderKit.VirtualCard/README.md of the source tree the tests were built from.</summary>
    public static string ReadmePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReaderKit.sln")))
            {
                return Path.Combine(dir.FullName, "hardware", "ReaderKit.VirtualCard", "README.md");
            }
        }

        throw new FileNotFoundException("ReaderKit.sln not found above the test directory.");
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
