namespace ReaderKit.Forms;

/// <summary>Site settings for the paperwork.</summary>
public sealed record FormOptions
{
    /// <summary>Print the 性別 item (off by default: sex is not needed to identify the holder and is leaving the card face).</summary>
    public bool IncludeSex { get; init; }

    /// <summary>The site's name printed in the header (e.g. the pharmacy), or null.</summary>
    public string? SiteName { get; init; }

    /// <summary>A TrueType/OpenType font file with Japanese glyphs to use instead of searching the system.</summary>
    public string? FontPath { get; init; }

    /// <summary>The offset local times are printed in (Japan Standard Time by default; the host may run in UTC).</summary>
    public TimeSpan LocalOffset { get; init; } = TimeSpan.FromHours(9);
}
