using Microsoft.Extensions.Options;

namespace ReaderKit.Host.Configuration;

/// <summary>Validates <see cref="JournalOptions"/> at start: one message per bad setting.</summary>
public sealed class JournalOptionsValidator : IValidateOptions<JournalOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, JournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string s = JournalOptions.SectionName;
        OptionChecks.NotBlank(failures, $"{s}:Path", options.Path);
        OptionChecks.NotBlank(failures, $"{s}:KeyFile", options.KeyFile);
        if (!string.IsNullOrWhiteSpace(options.Path) && !string.IsNullOrWhiteSpace(options.KeyFile)
            && string.Equals(System.IO.Path.GetFullPath(options.Path), System.IO.Path.GetFullPath(options.KeyFile), StringComparison.Ordinal))
        {
            failures.Add($"{s}:KeyFile must not be the journal file itself.");
        }

        OptionChecks.Range(failures, $"{s}:RetentionDays", options.RetentionDays, 1, 3650);
        OptionChecks.Range(failures, $"{s}:PurgeInterval", options.PurgeInterval, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        foreach (var field in options.KeepPersonalFields)
        {
            OptionChecks.OneOf(failures, $"{s}:KeepPersonalFields", field, JournalOptions.PersonalFieldNames);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
