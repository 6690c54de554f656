using System.CommandLine;
using ReaderKit.Card.Credentials;
using ReaderKit.Cli.Reader;
using ReaderKit.Cli.Reporting;
using ReaderKit.Contracts;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Verification;
using ReaderKit.Tap;
using ReaderKit.Tap.Devices;
using ReaderKit.Tap.Faces;
using ReaderKit.Trust;

namespace ReaderKit.Cli;

/// <summary>
/// `readerkit verify`: one card tap on a real (or simulated) PN532, or a PC/SC reader (<c>--link pcsc</c>), through <see cref="CardTap"/>, printed as the shared
/// verification report (text or JSON) with the shared exit codes (README). 照合番号B comes from standard input; the
/// security code on argv is refused unless <c>--allow-argv-secret</c>.
/// </summary>
internal sealed class VerifyCommand : ICliCommand
{
    public Command Build()
    {
        var verb = new TapVerbOptions(
            "Extra trust anchors (JSON, each with a role); production J-LIS keys are built in.",
            "Accept test-hierarchy anchors (key ids 6…, JPKI-TEST roots, entries marked test, e.g. the simulator's trust file).",
            "a card");
        var (link, policy, json) = (verb.Link, verb.Policy, verb.Json);
        var birthDate = new Option<string?>("--birth-date") { Description = "Holder's birth date YYYY-MM-DD (with --allow-argv-secret; prefer --number-b-stdin)." };
        var western = new Option<bool>("--western-birth-date") { Description = "Foreign resident: 照合番号B uses the Western year (YY) instead of the era year." };
        var expiryYear = new Option<int?>("--expiry-year") { Description = "Expiry year printed on the card face (with --allow-argv-secret)." };
        var securityCode = new Option<string?>("--security-code") { Description = "4-digit security code: refused unless --allow-argv-secret (argv is visible to other users; use --number-b-stdin)." };
        var allowArgvSecret = new Option<bool>("--allow-argv-secret") { Description = "Accept the security code on the command line (testing only)." };
        var numberBStdin = new Option<bool>("--number-b-stdin") { Description = "Read 'YYYY-MM-DD EXPIRY CODE' from standard input (the production path)." };
        var text = new Option<bool>("--text") { Description = "Also read and verify the text AP's four basic facts (name, address, DOB, sex as text)." };
        var jpki = new Option<bool>("--jpki") { Description = "Also validate the JPKI user-authentication certificate chain." };
        var camera = new Option<string?>("--camera") { Description = "Match the chip photo against a camera: rpicam, v4l2:N or file:DIR." };
        var requireFace = new Option<bool>("--require-face") { Description = "Refuse when the face was not checked (no --camera)." };
        var allowReplayCamera = new Option<bool>("--allow-replay-camera") { Description = "Accept --camera file:DIR (recorded frames cannot follow the active challenge: testing and calibration only)." };
        var frames = new Option<int>("--frames") { Description = "Replayed cameras (file:DIR): frames to use for the face check (6–60).", DefaultValueFactory = _ => 12 };
        var threshold = new Option<double?>("--face-threshold") { Description = "Match threshold (default: the measured one; never below the matcher's floor)." };
        var photoOut = new Option<FileInfo?>("--photo-out") { Description = "Write the verified chip photo (JPEG 2000) here." };

        var command = verb.CreateCommand(
            "verify",
            "Verify one My Number Card offline over the PN532 or a PC/SC reader (照合番号B → card face → J-LIS signatures → chip challenge → face).",
            policy.Trust, policy.AllowTestAnchors, birthDate, western, expiryYear, securityCode, allowArgvSecret, numberBStdin, policy.Floor, policy.AllowLastTry, text, jpki, camera, allowReplayCamera, requireFace, frames, threshold, policy.CardWait, policy.Deadline, photoOut, json);

        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            CardTap tap;
            VerificationNumberB numberB;
            int floor;
            ITapFaceCheck? faceCheck = null;
            IDisposable? faceResources = null;
            try
            {
                floor = policy.FloorOf(parse);

                if (parse.GetValue(securityCode) is not null && !parse.GetValue(allowArgvSecret))
                {
                    throw new ArgumentException("the security code on the command line is refused (other users can read argv): pass 'YYYY-MM-DD EXPIRY CODE' with --number-b-stdin, or add --allow-argv-secret for a test.");
                }

                var options = policy.TapOptions(parse);
                IFrameSourceFactory? cameraFactory = null;
                if (parse.GetValue(camera) is { } spec)
                {
                    var parsed = CameraFactory.Parse(spec);
                    cameraFactory = parsed;
                    if (parsed.IsReplay)
                    {
                        if (!parse.GetValue(allowReplayCamera))
                        {
                            throw new ArgumentException("--camera file:DIR replays recorded frames, which cannot follow the active challenge (a waved print passes the burst check they allow): refused unless --allow-replay-camera (testing and calibration only).");
                        }

                        // Replayed frames cannot follow a challenge: the burst check (screening + best-frame match) is all they allow.
                        var match = parse.GetValue(threshold) is { } t ? new FaceMatchOptions { Threshold = t } : new FaceMatchOptions();
                        var burst = new LiveFaceCheck(new LiveFaceCheckOptions { Frames = parse.GetValue(frames), Match = match });
                        (faceCheck, faceResources) = (burst, burst);
                    }
                    else
                    {
                        var verifierOptions = parse.GetValue(threshold) is { } t ? new FaceVerifierOptions { MatchThreshold = t } : new FaceVerifierOptions();
                        var challenge = FaceVerifierCheck.Create(verifierOptions);
                        (faceCheck, faceResources) = (challenge, challenge);
                    }
                }

                tap = new CardTap(options, link.CardLinks(parse), cameraFactory, faceCheck, new ConsolePrompts(error));
                numberB = parse.GetValue(numberBStdin)
                    ? NumberBInput.FromReader(Console.In, parse.GetValue(western))
                    : NumberBInput.FromOptions(parse.GetValue(birthDate), parse.GetValue(expiryYear), parse.GetValue(securityCode), parse.GetValue(western));
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException or TrustStoreFormatException or System.Text.Json.JsonException)
            {
                faceResources?.Dispose();
                await error.WriteLineAsync($"verify: {e.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            catch (Exception e) when (e is Face.Models.FaceModelsMissingException or Face.Models.FaceModelInvalidException)
            {
                faceResources?.Dispose();
                await error.WriteLineAsync($"verify: FaceModelsUnavailable: {e.Message}").ConfigureAwait(false);
                return ExitCodes.ReaderError;
            }

            using (faceResources)
            {
                var request = new TapRequest
                {
                    NumberB = numberB,
                    ReadTextAp = parse.GetValue(text),
                    ReadJpki = parse.GetValue(jpki),
                    RequireFace = parse.GetValue(requireFace),
                    Floor = floor,
                    AllowLastTry = parse.GetValue(policy.AllowLastTry),
                    PersonalFields = TapPersonalFields.All,
                };
                var verdict = await tap.RunAsync(request, null, ct).ConfigureAwait(false);
                var report = VerificationReport.FromTap(verdict);
                await output.WriteLineAsync(parse.GetValue(json) ? report.ToJson() : report.ToText()).ConfigureAwait(false);
                await TapVerbOptions.WriteVerdictErrorAsync(error, "verify", verdict).ConfigureAwait(false);

                if (parse.GetValue(photoOut) is { } file && verdict.Genuine && verdict.Personal?.PhotoJpeg2000 is { } photo)
                {
                    await File.WriteAllBytesAsync(file.FullName, photo, CancellationToken.None).ConfigureAwait(false);
                }

                return report.ExitCode;
            }
        });
        return command;
    }
}
