using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReaderKit.Apdu;
using ReaderKit.Card.Credentials;
using ReaderKit.Cli.Reader;
using ReaderKit.Face.Camera;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Models;
using ReaderKit.Nfc;
using ReaderKit.Trust;

namespace ReaderKit.Cli;

/// <summary>
/// `readerkit verify`: the offline verification of one card tap on a real (or simulated) PN532 — 照合番号B, retry-safe
/// VERIFY, card-face read, J-LIS signature and chip-challenge checks, and optionally the face match against the
/// camera. Prints one line per check (or JSON with --json). Never prints 照合番号B or the My Number.
/// Exit codes: 0 accepted (genuine, unexpired, and face accepted when a camera was given), 4 not genuine or expired,
/// 5 face not accepted,
/// 6 credential refused (retry floor, blocked or rejected), 3 reader/card/camera error, 2 bad input.
/// </summary>
internal sealed class VerifyCommand : ICliCommand
{
    public Command Build()
    {
        var link = new ReaderLinkOptions();
        var trust = new Option<FileInfo?>("--trust") { Description = "Extra trust anchors (JSON, each with a role); production J-LIS keys are built in." };
        var allowTestAnchors = new Option<bool>("--allow-test-anchors") { Description = "Accept test-hierarchy anchors (key ids 6…, JPKI-TEST roots, entries marked test, e.g. the simulator's trust file)." };
        var birthDate = new Option<string?>("--birth-date") { Description = "Holder's birth date YYYY-MM-DD (Gregorian; converted to the era form)." };
        var western = new Option<bool>("--western-birth-date") { Description = "Foreign resident: 照合番号B uses the Western year (YY) instead of the era year." };
        var expiryYear = new Option<int?>("--expiry-year") { Description = "Expiry year printed on the card face." };
        var securityCode = new Option<string?>("--security-code") { Description = "4-digit security code under the photo (prefer --number-b-stdin: argv is visible to other users)." };
        var numberBStdin = new Option<bool>("--number-b-stdin") { Description = "Read 'YYYY-MM-DD EXPIRY CODE' from standard input instead of the options above." };
        var floor = new Option<int>("--floor") { Description = "Refuse to VERIFY when this many tries or fewer remain.", DefaultValueFactory = _ => RetryPolicy.Default.Floor };
        var text = new Option<bool>("--text") { Description = "Also read and verify the text AP's four basic facts (name, address, DOB, sex as text)." };
        var jpki = new Option<bool>("--jpki") { Description = "Also validate the JPKI user-authentication certificate chain." };
        var camera = new Option<string?>("--camera") { Description = "Match the chip photo against a camera: rpicam, v4l2:N or file:DIR." };
        var frames = new Option<int>("--frames") { Description = "Live frames to capture for the face check.", DefaultValueFactory = _ => 12 };
        var threshold = new Option<double?>("--face-threshold") { Description = "Cosine-similarity threshold (default: the measured one)." };
        var cardWait = new Option<double>("--card-wait") { Description = "Seconds to wait for a card in the field.", DefaultValueFactory = _ => 10 };
        var photoOut = new Option<FileInfo?>("--photo-out") { Description = "Write the verified chip photo (JPEG 2000) here." };
        var json = new Option<bool>("--json") { Description = "Print a JSON report instead of text." };

        var command = new Command("verify", "Verify one My Number Card offline over the PN532 (照合番号B → card face → J-LIS signatures → chip challenge → face).");
        link.AddTo(command);
        foreach (var o in new Option[] { trust, allowTestAnchors, birthDate, western, expiryYear, securityCode, numberBStdin, floor, text, jpki, camera, frames, threshold, cardWait, photoOut, json })
        {
            command.Options.Add(o);
        }

        command.SetAction(async (parse, ct) =>
        {
            VerificationNumberB numberB;
            TrustStore store;
            try
            {
                numberB = ReadNumberB(parse.GetValue(numberBStdin), parse.GetValue(birthDate), parse.GetValue(expiryYear), parse.GetValue(securityCode), parse.GetValue(western));
                store = TrustStore.Load(parse.GetValue(trust)?.FullName);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or IOException or JsonException or InvalidDataException or TrustStoreFormatException)
            {
                Console.Error.WriteLine($"verify: {e.Message}");
                return 2;
            }

            using (numberB)
            {
                var trustOptions = new TrustOptions { TrustStore = store, AllowTestAnchors = parse.GetValue(allowTestAnchors) };
                var options = new CardInspectionOptions
                {
                    RetryPolicy = new RetryPolicy { Floor = parse.GetValue(floor) },
                    ReadTextAp = parse.GetValue(text),
                    ReadJpki = parse.GetValue(jpki),
                };
                return await RunAsync(parse, link, numberB, new CardInspector(trustOptions, options), parse.GetValue(camera), parse.GetValue(frames), parse.GetValue(threshold),
                    TimeSpan.FromSeconds(parse.GetValue(cardWait)), parse.GetValue(photoOut), parse.GetValue(json), ct).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, ReaderLinkOptions link, VerificationNumberB numberB, CardInspector inspector, string? cameraSpec, int frameCount,
        double? threshold, TimeSpan cardWait, FileInfo? photoOut, bool json, CancellationToken ct)
    {
        VerifiedCard card;
        try
        {
            await using var chip = new Pn532(link.Open(parse));
            await chip.InitializeAsync(ct).ConfigureAwait(false);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(cardWait);
            TypeBTarget target;
            try
            {
                target = await chip.WaitForTypeBTargetAsync(TimeSpan.FromMilliseconds(200), wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                Console.Error.WriteLine($"verify: no Type B card in the field within {cardWait.TotalSeconds:0.#} s.");
                return 3;
            }

            try
            {
                var channel = new Pn532ApduTransport(chip, target).CreateChannel();
                card = await inspector.InspectAsync(channel, numberB, null, ct).ConfigureAwait(false);
            }
            finally
            {
                await ReleaseAsync(chip, target).ConfigureAwait(false);
            }
        }
        catch (CredentialException e)
        {
            Console.Error.WriteLine($"verify: credential refused: {e.Message}");
            return 6;
        }
        catch (Exception e) when (e is CardException or IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            Console.Error.WriteLine($"verify: {e.GetType().Name}: {e.Message}");
            return 3;
        }

        using (card)
        {
            LiveFaceResult? face = null;
            if (cameraSpec is not null && card.IsGenuine && card.PhotoJpeg2000 is { } photo)
            {
                try
                {
                    var matchOptions = threshold is { } t ? new FaceMatchOptions { Threshold = t } : new FaceMatchOptions();
                    using var analyzer = new FaceAnalyzer(FaceModelFiles.Locate(), matchOptions);
                    await using var source = CameraSpec.Open(cameraSpec);
                    face = await LiveFaceCheck.RunAsync(photo, source, analyzer, frameCount, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is CameraUnavailableException or FaceModelsMissingException or ArgumentException or IOException or ReaderKit.Face.Imaging.FaceImageFormatException or ReaderKit.Jpeg2000.Jp2DecodeException)
                {
                    Console.Error.WriteLine($"verify: face check failed: {e.GetType().Name}: {e.Message}");
                    return 3;
                }
            }

            if (photoOut is not null && card.IsGenuine && card.PhotoJpeg2000 is { } verifiedPhoto)
            {
                await File.WriteAllBytesAsync(photoOut.FullName, verifiedPhoto, ct).ConfigureAwait(false);
            }

            Console.Out.WriteLine(json ? Report.Json(card, face).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) : Report.Text(card, face));
            return !card.IsAccepted ? 4 : face is { Accepted: false } ? 5 : 0;
        }
    }

    /// <summary>
    /// InRelease deselects the card so its security state (the accepted 照合番号B) is cleared for the next customer.
    /// Best effort: the card may already have left the field, and the verification result stands either way.
    /// </summary>
    private static async Task ReleaseAsync(Pn532 chip, TypeBTarget target)
    {
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await chip.ReleaseAsync(target.TargetNumber, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CardException or OperationCanceledException)
        {
            Console.Error.WriteLine($"verify: warning: could not release the card ({e.GetType().Name}); remove it from the reader.");
        }
    }

    private static VerificationNumberB ReadNumberB(bool fromStdin, string? birthDate, int? expiryYear, string? securityCode, bool western)
    {
        if (fromStdin)
        {
            var line = Console.In.ReadLine() ?? throw new ArgumentException("No 照合番号B inputs on standard input.");
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3)
            {
                throw new ArgumentException("Standard input must hold 'YYYY-MM-DD EXPIRY CODE'.");
            }

            (birthDate, securityCode) = (parts[0], parts[2]);
            expiryYear = int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : throw new ArgumentException("The expiry year must be 4 digits.");
        }

        if (birthDate is null || expiryYear is null || securityCode is null)
        {
            throw new ArgumentException("照合番号B needs --birth-date, --expiry-year and --security-code (or --number-b-stdin).");
        }

        var dob = DateOnly.ParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return VerificationNumberB.Create(dob, expiryYear.Value, securityCode, western ? BirthDateNotation.Western : BirthDateNotation.JapaneseEra);
    }
}
