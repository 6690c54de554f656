using Microsoft.Extensions.Options;

namespace ReaderKit.Host.Configuration;

/// <summary>Validates <see cref="IndicatorOptions"/> at start: pins in range and no pin used twice.</summary>
public sealed class IndicatorOptionsValidator : IValidateOptions<IndicatorOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IndicatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string s = IndicatorOptions.SectionName;
        (string Key, int? Pin)[] pins =
        [
            ($"{s}:GreenPin", options.GreenPin), ($"{s}:AmberPin", options.AmberPin), ($"{s}:RedPin", options.RedPin), ($"{s}:BuzzerPin", options.BuzzerPin),
        ];
        foreach (var (key, pin) in pins)
        {
            OptionChecks.Pin(failures, key, pin);
        }

        foreach (var group in pins.Where(p => p.Pin is not null).GroupBy(p => p.Pin).Where(g => g.Count() > 1))
        {
            failures.Add($"{string.Join(" and ", group.Select(p => p.Key))} use the same GPIO line {group.Key}.");
        }

        if (options.AmberPin is null && (options.GreenPin is null) != (options.RedPin is null))
        {
            failures.Add($"{s}: amber is shown as green+red when {s}:AmberPin is unset, so set both {s}:GreenPin and {s}:RedPin, or neither.");
        }

        OptionChecks.Range(failures, $"{s}:Chip", options.Chip, 0, 15);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
