using System.Globalization;

namespace ReaderKit.Host.Configuration;

/// <summary>Small helpers the options validators share: each adds one clear message naming the setting's full key.</summary>
internal static class OptionChecks
{
    public static void Range(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be between {min:c} and {max:c} (was {value:c})."));
        }
    }

    public static void Range(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be between {min} and {max} (was {value})."));
        }
    }

    public static void OneOf(List<string> failures, string key, string? value, IReadOnlyList<string> allowed)
    {
        if (value is null || !allowed.Contains(value, StringComparer.Ordinal))
        {
            failures.Add($"{key} must be one of {string.Join(", ", allowed)} (was '{value}').");
        }
    }

    public static void Pin(List<string> failures, string key, int? pin)
    {
        if (pin is { } p && (p < 0 || p > 63))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be a GPIO line number 0..63 (was {p})."));
        }
    }

    public static void NotBlank(List<string> failures, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{key} must be set.");
        }
    }
}
