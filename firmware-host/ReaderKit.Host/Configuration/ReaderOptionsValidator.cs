using Microsoft.Extensions.Options;
using ReaderKit.Simulation;

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
        OptionChecks.Range(failures, $"{s}:FaceStepTimeout", options.FaceStepTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        OptionChecks.NotBlank(failures, $"{s}:StatusFile", options.StatusFile);
        if (options.MaxWorkerThreads != 0)
        {
            OptionChecks.Range(failures, $"{s}:MaxWorkerThreads", options.MaxWorkerThreads, 4, 1024);
        }

        var sim = options.Simulation;
        if (sim.Enabled)
        {
            // Against the simulator's own lists, at start rather than at the first tap: the simulated customer would
            // otherwise fail to present an unknown persona's card and the reader would wait for it until its deadline.
            OptionChecks.OneOf(failures, $"{s}:Simulation:Persona", sim.Persona, SimulatedReaderWorld.Personas);
            OptionChecks.OneOf(failures, $"{s}:Simulation:Link", sim.Link, SimulatedWorldOptions.Links);
            OptionChecks.OneOf(failures, $"{s}:Simulation:Presentation", sim.Presentation, SimulatedWorldOptions.Presentations);
        }
        else
        {
            var h = options.Hardware;
            OptionChecks.OneOf(failures, $"{s}:Hardware:Link", h.Link, HardwareOptions.Links);
            if (h.PcscReader is not null && h.Link != HardwareOptions.PcscLink)
            {
                failures.Add($"{s}:Hardware:PcscReader names a PC/SC reader and is used only with {s}:Hardware:Link = pcsc (Link is '{h.Link}').");
            }
            else if (h.PcscReader is { } reader && (string.IsNullOrWhiteSpace(reader) || reader.Length > 128 || reader.Any(char.IsControl)))
            {
                failures.Add($"{s}:Hardware:PcscReader must be part of a reader's name (1-128 printable characters), or absent for the only reader (was '{reader}').");
            }

            OptionChecks.Range(failures, $"{s}:Hardware:Bus", h.Bus, -1, 16);
            OptionChecks.Range(failures, $"{s}:Hardware:I2cKhz", h.I2cKhz, 10, 3400);
            OptionChecks.Pin(failures, $"{s}:Hardware:ChipSelectGpio", h.ChipSelectGpio);
            OptionChecks.Range(failures, $"{s}:Hardware:SpiHz", h.SpiHz, 10_000, 5_000_000);
            OptionChecks.Range(failures, $"{s}:Hardware:Baud", h.Baud, 9600, 1_288_000);
            if (h.Link == "hsu")
            {
                OptionChecks.NotBlank(failures, $"{s}:Hardware:Port", h.Port);
            }

            if (!string.IsNullOrWhiteSpace(h.Camera) && h.Camera != "rpicam" && !h.Camera.StartsWith("v4l2:", StringComparison.Ordinal) && !h.Camera.StartsWith("file:", StringComparison.Ordinal))
            {
                failures.Add($"{s}:Hardware:Camera must be rpicam, v4l2:N or file:DIR, or empty for none (was '{h.Camera}').");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
