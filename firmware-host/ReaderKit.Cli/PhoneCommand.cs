using System.CommandLine;
using ReaderKit.Card.Credentials;
using ReaderKit.Cli.Reader;
using ReaderKit.Cli.Reporting;
using ReaderKit.Contracts;
using ReaderKit.Tap;
using ReaderKit.Trust;

namespace ReaderKit.Cli;

/// <summary>
/// `readerkit phone`: one smartphone tap (JPKI on a phone, ISO 14443-4 Type A or B) through <see cref="PhoneTap"/>: the
/// authentication PIN from standard input (never argv), one retry-safe VERIFY, the certificate chain against the built-in
/// JPKI roots, a fresh-nonce challenge with the phone's key. Printed as the shared verification report plus what a phone
/// proves and cannot prove offline; the shared exit codes.
/// </summary>
internal sealed class PhoneCommand : ICliCommand
{
    public Command Build()
    {
        var verb = new TapVerbOptions(
            "Extra trust anchors (JSON, each with a role; JPKI roots as jpki-auth).",
            "Accept test-hierarchy anchors (JPKI-TEST roots, entries marked test).",
            "a phone");
        var (link, policy, json) = (verb.Link, verb.Policy, verb.Json);
        var pinStdin = new Option<bool>("--pin-stdin") { Description = "Read the 4-digit authentication PIN from standard input (required: a PIN is never taken from argv)." };

        var command = verb.CreateCommand(
            "phone",
            "Verify a smartphone's JPKI offline over the PN532 (auth PIN → certificate chain → key challenge); proves key possession, not name, address or face.",
            policy.Trust, policy.AllowTestAnchors, pinStdin, policy.Floor, policy.AllowLastTry, policy.CardWait, policy.Deadline, json);

        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            PhoneTap tap;
            PhoneTapRequest request;
            try
            {
                if (!parse.GetValue(pinStdin))
                {
                    throw new ArgumentException("the PIN is read from standard input only: pass --pin-stdin.");
                }

                var floor = policy.FloorOf(parse);
                tap = new PhoneTap(policy.TapOptions(parse), link.CardLinks(parse, acceptTypeA: true));
                request = PhoneTapRequest.FromPinBuffer(ReadPin(Console.In), floor, parse.GetValue(policy.AllowLastTry));
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException or TrustStoreFormatException or System.Text.Json.JsonException or InvalidCredentialFormatException)
            {
                await error.WriteLineAsync($"phone: {e.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var verdict = await tap.RunAsync(request, ct).ConfigureAwait(false);
            var report = VerificationReport.FromTap(verdict);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(report.ToJson()).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync(report.ToText()).ConfigureAwait(false);
                if (verdict.Jpki is not null)
                {
                    await output.WriteLineAsync("A phone proves offline: " + string.Join("; ", JpkiPossessionResult.Proves) + ".").ConfigureAwait(false);
                    await output.WriteLineAsync("It does NOT prove: " + string.Join("; ", JpkiPossessionResult.CannotProve) + ".").ConfigureAwait(false);
                }
            }

            await TapVerbOptions.WriteVerdictErrorAsync(error, "phone", verdict).ConfigureAwait(false);
            return report.ExitCode;
        });
        return command;
    }

    /// <summary>
    /// Reads one line of at most 4 characters into a fresh buffer, character by character (no string holds the PIN); more
    /// characters are a format error. The caller's request zeroes the buffer.
    /// </summary>
    internal static char[] ReadPin(TextReader input)
    {
        var pin = new char[4];
        var length = 0;
        while (input.Read() is var c and not -1 and not '\n')
        {
            if (c == '\r')
            {
                continue;
            }

            if (length == pin.Length)
            {
                Array.Clear(pin);
                throw new InvalidCredentialFormatException(CredentialFormatProblem.PinFormat, "The PIN must be exactly 4 digits.");
            }

            pin[length++] = (char)c;
        }

        if (length != pin.Length)
        {
            Array.Clear(pin);
            throw new InvalidCredentialFormatException(CredentialFormatProblem.PinFormat, "The PIN must be exactly 4 digits.");
        }

        return pin;
    }
}
