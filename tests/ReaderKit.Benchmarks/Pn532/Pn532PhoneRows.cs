using System.Diagnostics;
using ReaderKit.Apdu;
using ReaderKit.Card.Aps;
using ReaderKit.Card.Credentials;
using ReaderKit.Emulation.Pn532;
using ReaderKit.Nfc;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Benchmarks.Pn532;

/// <summary>
/// The Type A rows of the <c>pn532</c> benchmark: the smartphone persona (ISO 14443-4 Type A, ATS 05 78 80 70 02) on the
/// paced emulator, through ReaderKit's driver. <c>phone-activation</c> is one ISO-DEP polling round as the phone tap runs
/// it (an empty Type B InListPassiveTarget, then Type A with the chip's RATS); <c>phone-jpki-auth</c> is the JPKI
/// authentication after activation (SELECT, token, auth-PIN query + VERIFY, certificate read, RSA signature of a nonce),
/// with its floor (link bytes + RF + card time of those APDUs).
/// </summary>
internal static class Pn532PhoneRows
{
    private static readonly Lazy<VirtualCard.Files.CardImage> Image = new(() =>
        new VirtualCard.Files.CardPersonalizer(VirtualCard.Crypto.TestPki.Default, new SyntheticPortraitPhotoSource()).Personalize(PersonaCatalog.Get("phone")));

    public static async Task<(Pn532Row Activation, Pn532Row Jpki)> RunAsync(Pn532LinkSetup setup)
    {
        var emulator = new Pn532Emulator(new Pn532EmulatorOptions { Timing = setup.Timing });
        var phone = new VirtualMyNumberCard(Image.Value);
        var card = new RecordingTypeACard(phone);
        emulator.Field.Insert(card);
        using var handle = setup.CreateOurs(emulator);
        using var chip = new ReaderKit.Nfc.Pn532(handle.Link, ownsLink: true);
        await chip.InitializeAsync().ConfigureAwait(false);
        var sw = Stopwatch.StartNew();
        var target = await chip.ListIsoDepTargetAsync().ConfigureAwait(false) ?? throw new InvalidOperationException("The phone was not activated.");
        sw.Stop();
        var activation = new Pn532Row(setup.Name, "phone-activation", setup.Driver, sw.Elapsed.TotalSeconds, double.NaN, 0);

        var channel = new Pn532ApduTransport(chip, target).CreateChannel(TimeSpan.FromSeconds(5));
        card.Clear();
        using var pin = CardPin.FourDigit(phone.Persona.AuthPin);
        sw.Restart();
        await JpkiAuthentication.RunAsync(channel, pin, RetryPolicy.Default, CancellationToken.None).ConfigureAwait(false);
        sw.Stop();
        var jpki = new Pn532Row(setup.Name, "phone-jpki-auth", setup.Driver, sw.Elapsed.TotalSeconds, card.Floor(setup.Timing, (TypeATarget)target).TotalSeconds, card.Log.Count);
        return (activation, jpki);
    }
}
