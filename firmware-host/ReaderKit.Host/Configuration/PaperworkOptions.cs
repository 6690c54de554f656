namespace ReaderKit.Host.Configuration;

/// <summary>The <c>Paperwork</c> section: how the outage paperwork (self-declaration form, receipt slip) is printed.</summary>
public sealed class PaperworkOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Paperwork";

    /// <summary>Print the 性別 item on the form (off by default).</summary>
    public bool IncludeSex { get; set; }

    /// <summary>The site's name in the form's header (e.g. the pharmacy), or none.</summary>
    public string? SiteName { get; set; }

    /// <summary>A font file with Japanese glyphs; none searches the system (fonts-ipaexfont-gothic, fonts-noto-cjk).</summary>
    public string? FontPath { get; set; }

    /// <summary>The receipt printer's roll width in mm: 58 or 80.</summary>
    public int SlipWidthMm { get; set; } = 80;

    /// <summary>The offset printed times use (default +09:00, Japan Standard Time), between −14 h and +14 h.</summary>
    public TimeSpan UtcOffset { get; set; } = TimeSpan.FromHours(9);
}
