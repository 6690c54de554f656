using ReaderKit.Contracts;

namespace ReaderKit.Forms;

/// <summary>
/// No font with Japanese glyphs was found — <see cref="ErrorCode.ConfigurationInvalid"/>. The message names the Debian
/// packages that provide one and the setting that points at a file.
/// </summary>
public sealed class FormFontUnavailableException : Exception
{
    public FormFontUnavailableException(string message)
        : base(message)
    {
    }

    public FormFontUnavailableException()
        : this("No Japanese font is installed.")
    {
    }

    public FormFontUnavailableException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    /// <summary>Always <see cref="ErrorCode.ConfigurationInvalid"/>.</summary>
    public ErrorCode Code => ErrorCode.ConfigurationInvalid;
}
