using System.Net;
using Microsoft.Extensions.Options;

namespace ReaderKit.Host.Configuration;

/// <summary>Validates <see cref="RpcOptions"/> at start: one message per bad setting.</summary>
public sealed class RpcOptionsValidator : IValidateOptions<RpcOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RpcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string s = RpcOptions.SectionName;
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.UnixSocket) && options.TlsPort is null)
        {
            failures.Add($"{s}: set {s}:UnixSocket and/or {s}:TlsPort, or {s}:Enabled=false.");
        }

        if (!string.IsNullOrWhiteSpace(options.UnixSocket))
        {
            if (!Path.IsPathFullyQualified(options.UnixSocket))
            {
                failures.Add($"{s}:UnixSocket must be an absolute path (was '{options.UnixSocket}').");
            }
            else if (System.Text.Encoding.UTF8.GetByteCount(options.UnixSocket) > 107)
            {
                failures.Add($"{s}:UnixSocket must be at most 107 bytes long (a Unix socket address limit).");
            }

            if (options.ParsedSocketMode() is null)
            {
                failures.Add($"{s}:UnixSocketMode must be an octal file mode such as 0660 (was '{options.UnixSocketMode}').");
            }
        }

        if (options.TlsPort is { } port)
        {
            OptionChecks.Range(failures, $"{s}:TlsPort", port, 0, 65535);
            if (!IPAddress.TryParse(options.TlsAddress, out _))
            {
                failures.Add($"{s}:TlsAddress must be an IP address (was '{options.TlsAddress}').");
            }
        }

        if (options.TlsPort is not null || options.RequireTokenOnUnixSocket)
        {
            OptionChecks.NotBlank(failures, $"{s}:StateDirectory", options.StateDirectory);
        }

        foreach (var field in options.ReleaseFields)
        {
            OptionChecks.OneOf(failures, $"{s}:ReleaseFields", field, RpcOptions.FieldNames);
        }

        var folder = options.FolderExchange;
        if (string.IsNullOrWhiteSpace(folder.Inbox) != string.IsNullOrWhiteSpace(folder.Outbox))
        {
            failures.Add($"{s}:FolderExchange needs both Inbox and Outbox (or neither).");
        }

        if (folder.Enabled)
        {
            if (string.Equals(Path.GetFullPath(folder.Inbox), Path.GetFullPath(folder.Outbox), StringComparison.Ordinal))
            {
                failures.Add($"{s}:FolderExchange:Outbox must not be the inbox.");
            }

            OptionChecks.Range(failures, $"{s}:FolderExchange:PollInterval", folder.PollInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
            foreach (var field in folder.AllowedFields)
            {
                if (!options.ReleaseFields.Contains(field, StringComparer.Ordinal))
                {
                    failures.Add($"{s}:FolderExchange:AllowedFields may only hold fields in {s}:ReleaseFields (was '{field}').");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
