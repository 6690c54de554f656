using Microsoft.Extensions.Options;

namespace ReaderKit.Host.Configuration;

/// <summary>Validates <see cref="PaperworkOptions"/> at start: one message per bad setting.</summary>
public sealed class PaperworkOptionsValidator : IValidateOptions<PaperworkOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PaperworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string s = PaperworkOptions.SectionName;
        if (options.SlipWidthMm is not (58 or 80))
        {
            failures.Add($"{s}:SlipWidthMm must be 58 or 80 (was {options.SlipWidthMm}).");
        }

        OptionChecks.Range(failures, $"{s}:UtcOffset", options.UtcOffset, TimeSpan.FromHours(-14), TimeSpan.FromHours(14));
        if (!string.IsNullOrWhiteSpace(options.FontPath) && !File.Exists(options.FontPath))
        {
            failures.Add($"{s}:FontPath names no file ({options.FontPath}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
