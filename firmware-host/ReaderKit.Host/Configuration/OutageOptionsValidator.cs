using Microsoft.Extensions.Options;

namespace ReaderKit.Host.Configuration;

/// <summary>Validates <see cref="OutageOptions"/> at start: one message per bad setting; a probe needs an explicit target.</summary>
public sealed class OutageOptionsValidator : IValidateOptions<OutageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OutageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string s = OutageOptions.SectionName;
        OptionChecks.OneOf(failures, $"{s}:ProbeKind", options.ProbeKind, OutageOptions.ProbeKinds);
        switch (options.ProbeKind)
        {
            case "tcp":
                if (!TcpProbeTarget.TryParse(options.ProbeAddress, out _))
                {
                    failures.Add($"{s}:ProbeAddress must be host:port (port 1-65535) for the tcp probe (was '{options.ProbeAddress}').");
                }

                break;
            case "https-head":
                if (!Uri.TryCreate(options.ProbeAddress, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                {
                    failures.Add($"{s}:ProbeAddress must be an absolute https:// URL for the https-head probe (was '{options.ProbeAddress}').");
                }

                break;
            default:
                if (!string.IsNullOrEmpty(options.ProbeAddress) && options.ProbeKind == "none")
                {
                    failures.Add($"{s}:ProbeAddress is set but {s}:ProbeKind is 'none'; choose tcp or https-head, or remove the address.");
                }

                break;
        }

        OptionChecks.Range(failures, $"{s}:ProbeInterval", options.ProbeInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        OptionChecks.Range(failures, $"{s}:ProbeTimeout", options.ProbeTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
        if (options.ProbeTimeout >= options.ProbeInterval)
        {
            failures.Add($"{s}:ProbeTimeout must be shorter than {s}:ProbeInterval.");
        }

        OptionChecks.Range(failures, $"{s}:FailuresToOffline", options.FailuresToOffline, 1, 100);
        OptionChecks.Range(failures, $"{s}:SuccessesToOnline", options.SuccessesToOnline, 1, 100);
        OptionChecks.Pin(failures, $"{s}:PowerFailPin", options.PowerFailPin);
        OptionChecks.Range(failures, $"{s}:PowerFailDebounce", options.PowerFailDebounce, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
