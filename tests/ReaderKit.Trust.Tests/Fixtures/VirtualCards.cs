using System.Security.Cryptography;
using System.Text;
using ReaderKit.Card.Credentials;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Trust.Tests.Fixtures;

/// <summary>VCARD's virtual cards for the verifier tests: a stand-in JP2 photo keyed by data identity, the test PKI trust.</summary>
internal static class VirtualCards
{
    /// <summary>The fixed verification instant for persona tests (expired persona is expired, others valid).</summary>
    public static readonly DateTimeOffset At = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<TrustStore> TestPkiTrust = new(() => TrustStore.Production.WithJson(TestPki.Default.ExportTrustJson(), "TestPki.Default"));

    public static TrustStore TrustStore => TestPkiTrust.Value;

    /// <summary>A JP2-signature-prefixed stand-in photo, identical for a clone and its original (keyed by data identity).</summary>
    public static readonly IChipPhotoSource Photos = new DelegateChipPhotoSource(p =>
    {
        var body = SHA256.HashData(Encoding.UTF8.GetBytes(p.DataIdentity));
        return [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A, .. Enumerable.Range(0, 2000).Select(i => body[i % 32])];
    });

    /// <summary>照合番号B built by OUR calendar from the persona's printed facts.</summary>
    public static VerificationNumberB NumberFor(Persona persona) =>
        VerificationNumberB.Create(persona.Holder.DateOfBirth, persona.ExpiryDate.Year, persona.SecurityCode,
            persona.Holder.IsForeignResident ? BirthDateNotation.Western : BirthDateNotation.JapaneseEra);

    /// <summary>The simulator's test PKI with the test-anchor opt-in (its anchors are all test anchors).</summary>
    public static TrustOptions Trust(bool allowTestAnchors = true) => new() { TrustStore = TrustStore, AllowTestAnchors = allowTestAnchors };

    public static CardInspectionOptions Options() => new() { VerificationTime = At };

    public static CardInspector Inspector(CardInspectionOptions? options = null, bool allowTestAnchors = true) => new(Trust(allowTestAnchors), options ?? Options());
}
