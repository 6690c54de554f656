using System.CommandLine;
using System.Globalization;
using ReaderKit.Rpc.Security;

namespace ReaderKit.Cli;

/// <summary>
/// <c>readerkit pair --state-dir DIR --name CLIENT</c>: prints the device certificate's SHA-256 fingerprint (what the
/// client pins) and issues a token for the client (shown once; the device keeps only its hash). <c>--list</c> shows the
/// paired clients, <c>--revoke CLIENT</c> withdraws one. Exit 0 done, 2 bad input, 3 state directory not usable.
/// </summary>
internal sealed class PairCommand : ICliCommand
{
    public Command Build()
    {
        var stateDir = new Option<DirectoryInfo>("--state-dir") { Description = "The host's state directory (device certificate and client tokens)", DefaultValueFactory = _ => new DirectoryInfo("/var/lib/readerkit") };
        var name = new Option<string?>("--name") { Description = "Client to pair (e.g. pharmacy-pc-1); re-pairing replaces its token" };
        var list = new Option<bool>("--list") { Description = "List paired clients" };
        var revoke = new Option<string?>("--revoke") { Description = "Withdraw a client's token" };
        var command = new Command("pair", "Pair a client: print the device certificate fingerprint and issue a client token");
        command.Options.Add(stateDir);
        command.Options.Add(name);
        command.Options.Add(list);
        command.Options.Add(revoke);
        command.SetAction(parse => Run(parse.GetValue(stateDir)!.FullName, parse.GetValue(name), parse.GetValue(list), parse.GetValue(revoke), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string stateDirectory, string? name, bool list, string? revoke, TextWriter output, TextWriter error)
    {
        try
        {
            if (list)
            {
                foreach (var (client, issuedAt) in ClientTokenStore.Open(stateDirectory).List())
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{client}\tpaired {issuedAt:yyyy-MM-dd HH:mm}Z"));
                }

                return 0;
            }

            if (revoke is not null)
            {
                var removed = ClientTokenStore.Open(stateDirectory).Revoke(revoke);
                output.WriteLine(removed ? $"revoked: {revoke}" : $"not paired: {revoke}");
                return removed ? 0 : 2;
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                error.WriteLine("pair: give --name CLIENT (or --list, --revoke CLIENT)");
                return 2;
            }

            var result = DevicePairing.Pair(stateDirectory, name);
            output.WriteLine($"device certificate SHA-256: {result.Fingerprint}");
            output.WriteLine($"client: {result.ClientName}");
            output.WriteLine($"token: {result.Token}");
            error.WriteLine("pair: the token is shown only now; store it in the client's configuration and pin the fingerprint.");
            return 0;
        }
        catch (ArgumentException e)
        {
            error.WriteLine("pair: " + e.Message);
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            error.WriteLine($"pair: state directory not usable: {e.Message}");
            return 3;
        }
    }
}
