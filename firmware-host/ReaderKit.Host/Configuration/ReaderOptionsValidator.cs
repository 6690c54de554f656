using Microsoft.Extensions.Options;

namespace ReaderKit.Host.Configuration;

/// <summary>Validates <see cref="ReaderOptions"/> at start: one message per bad setting.</summary>
public sealed class ReaderOptionsValidator : IValidateOptions<ReaderOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string s = ReaderOptions.SectionName;
        if (string.IsNullOrEmpty(options.DeviceId) || options.DeviceId.Length > 32 || !options.DeviceId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            failures.Add($"{s}:DeviceId must be 1-32 characters of A-Z, a-z, 0-9, '-' or '_' (was '{options.DeviceId}').");
        }

        OptionChecks.OneOf(failures, $"{s}:Language", options.Language, ["ja", "en"]);
        OptionChecks.Range(failures, $"{s}:TapDeadline", options.TapDeadline, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        OptionChecks.Range(failures, $"{s}:NumberBWait", options.NumberBWait, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        OptionChecks.Range(failures, $"{s}:RemovalWait", options.RemovalWait, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        OptionChecks.Range(failures, $"{s}:StaffWait", options.StaffWait, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        OptionChecks.Range(failures, $"{s}:PollInterval", options.PollInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2));
        OptionChecks.Range(failures, $"{s}:LeaseDuration", options.LeaseDuration, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        OptionChecks.NotBlank(failures, $"{s}:StatusFile", options.StatusFile);
        var sim = options.Simulation;
        if (sim.Enabled)
        {
            OptionChecks.NotBlank(failures, $"{s}:Simulation:Persona", sim.Persona);
            OptionChecks.OneOf(failures, $"{s}:Simulation:Link", sim.Link, SimulationOptions.Links);
            OptionChecks.OneOf(failures, $"{s}:Simulation:Presentation", sim.Presentation, SimulationOptions.Presentations);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
