using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Profiles;

namespace ReaderKit.VirtualCard.Tests.Fidelity;

/// <summary>
/// The fidelity table: every real-card behaviour established from public sources, one row each, plus the rows no source
/// establishes ([U]). The README table is generated from these rows (<see cref="FidelityTableTests"/> keeps the two equal), and
/// every row runs through the APDU transport and through PC/SC (vpcd + pcscd).
/// </summary>
internal static class FidelityRows
{
    private const string Soltia = "soltia48/myna-card";
    private const string Pymyna = "hebingchang/pymyna";
    private const string Myna = "jpki/myna";
    private const string OpenSc = "OpenSC card-jpki.c";
    private const string PcscTools = "pcsc-tools smartcard_list.txt";
    private const string Aoki = "AokiApp/jsapdu";
    private static readonly byte[] Sha256Prefix = Hex.Bytes("3031300D060960864801650304020105000420");

    public static IReadOnlyList<FidelityRow> All { get; } = [.. Rf(), .. MasterFile(), .. ChannelsAndSecureMessaging(), .. SessionKey(),
        .. InternalAuthenticate(), .. SelectAndRead(), .. Access(), .. VerifyAndRetries(), .. TextAp(), .. SurfaceAp(), .. JpkiAp(),
        .. CommonAndJuki(), .. Phone(), .. NotEstablished()];

    public static FidelityRow Get(string id) => All.Single(r => r.Id == id);

    private static string Ascii(string text) => Hex.Of(Encoding.ASCII.GetBytes(text));

    private static IEnumerable<FidelityRow> Rf()
    {
        yield return new("RF1", "RF", "Contactless pseudo-ATR, FWI 10 (listed 2020, the default)", "(ATR)", "3B888001000005E0B381A1007F", PcscTools,
            s => AssertAtr(s, "3B888001000005E0B381A1007F"));
        yield return new("RF2", "RF", "Contactless pseudo-ATR, FWI 10, oldest listed (2018)", "(ATR)", "3B888001000041E0B381A1003B", PcscTools,
            s => AssertAtr(s, "3B888001000041E0B381A1003B")) { Persona = "older-card" };
        yield return new("RF3", "RF", "Contactless pseudo-ATR, FWI 13 (listed 2024); FWI 10 is the older frame-waiting-time variant", "(ATR)", "3B888001004B51FFB381D1000F", PcscTools,
            s => AssertAtr(s, "3B888001004B51FFB381D1000F")) { Profile = CardProfile.Fwi13 };
        yield return new("RF4", "RF", "The ATR does not identify the card: SELECT of an AID does, on every ATR variant", "00 A4 04 0C 0A D392F000260100000001", "9000", $"{OpenSc} (jpki_match_card); {Myna} #12",
            async s =>
            {
                Assert.StartsWith("3B888001", Hex.Of(s.Atr), StringComparison.Ordinal);
                await s.SelectAid(FidelityScript.Jpki);
            }) { Profile = CardProfile.Fwi13 };
        yield return new("CA1", "MF", "GET DATA 5F51 at the MF: contact ATR without TS, zero historical bytes", "00 CA 5F 51 00", "E000FF8131FE4514 9000", $"{Soltia} README + card.rs test; {OpenSc} ATR",
            async s => Assert.Equal("E000FF8131FE4514", Hex.Of(await s.Expect("00CA5F5100", "9000"))));
        yield return new("CA2", "MF", "GET DATA 5F51 also answers with an application selected", "00 CA 5F 51 00 (surface AP)", "E000FF8131FE4514 9000", Soltia,
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                Assert.Equal("E000FF8131FE4514", Hex.Of(await s.Expect("00CA5F5100", "9000")));
            });
        yield return new("CA3", "MF", "Some cards answer 5F51 only with an application selected", "00 CA 5F 51 00 (MF, then JPKI AP)", "6A88; then data 9000", Soltia,
            async s =>
            {
                await s.Expect("00CA5F5100", "6A88");
                await s.Select(ApplicationKind.Jpki);
                Assert.Equal("E000FF8131FE4514", Hex.Of(await s.Expect("00CA5F5100", "9000")));
            }) { Persona = "older-card" };
    }

    private static async Task AssertAtr(FidelityScript s, string atr)
    {
        Assert.Equal(atr, Hex.Of(s.Atr));
        byte tck = 0;
        foreach (var b in s.Atr.AsSpan(1))
        {
            tck ^= b;
        }

        Assert.Equal(0, tck); // TCK makes the XOR of T0…TCK zero
        await s.Expect("00A4040C0A" + FidelityScript.Surface, "9000");
    }

    private static IEnumerable<FidelityRow> MasterFile()
    {
        yield return new("MF1", "MF", "SELECT MF right after reset", "00 A4 00 00", "6A86", Soltia,
            s => s.Expect("00A40000", "6A86"));
        yield return new("MF2", "MF", "SELECT MF with an AP current answers 9000 and leaves the DF unchanged", "00 A4 00 00 (surface AP)", "9000, DF unchanged", Soltia,
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.Expect("00A40000", "9000");
                await s.SelectEf(0x0004); // still the surface AP
            });
        yield return new("MF3", "MF", "SELECT 3F00 by identifier", "00 A4 00 00 02 3F00", "6A82", Soltia,
            async s =>
            {
                await s.Expect("00A40000023F00", "6A82");
                await s.Select(ApplicationKind.Surface);
                await s.Expect("00A40000023F00", "6A82");
            });
        yield return new("MF4", "MF", "JICSAP EFs 2F10 (application folder list) and 2F11 (IC manufacturer) do not exist", "00 A4 02 0C 02 2F10 / 2F11", "6A82", Soltia,
            async s =>
            {
                await s.Expect("00A4020C022F10", "6A82");
                await s.Expect("00A4020C022F11", "6A82");
            });
        yield return new("MF5", "MF", "MF EF 001E is an internal EF: selectable, not readable", "00 A4 02 0C 02 001E; 00 B0; 00 B2", "9000; 6981; 6981", Soltia,
            async s =>
            {
                await s.Expect("00A4020C02001E", "9000");
                await s.Expect("00B0000000", "6981");
                await s.Expect("00B2010400", "6981");
            });
        yield return new("MF6", "MF", "No MF EF has a short identifier", "00 B0 81…9E 00 00", "6A82", Soltia,
            async s =>
            {
                for (var sfi = 1; sfi <= 30; sfi++)
                {
                    await s.Expect([0x00, 0xB0, (byte)(0x80 | sfi), 0x00, 0x00], "6A82");
                }
            });
        yield return new("MF7", "MF", "SELECT of the GlobalPlatform ISD restores the MF-level GET DATA state", "00 A4 04 0C 07 A0000001510000", "9000", Soltia,
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                await s.Expect("00CA00F000", "6A88");
                await s.SelectAid(FidelityScript.IssuerSecurityDomain);
                Assert.Equal(s.Persona.MunicipalityCode, Encoding.ASCII.GetString(await s.Expect("00CA00F000", "9000")));
            });
        yield return new("MF8", "MF", "GET DATA 0045: card identification number, 15 ASCII digits", "00 CA 00 45 00", "15 digits 9000", Soltia,
            async s => Assert.Equal(s.Persona.CardSerial, Encoding.ASCII.GetString(await s.Expect("00CA004500", "9000"))));
        yield return new("MF9", "MF", "GET DATA 00F0: issuing municipality, 5 ASCII digits", "00 CA 00 F0 00", "5 digits 9000", Soltia,
            async s => Assert.Equal(s.Persona.MunicipalityCode, Encoding.ASCII.GetString(await s.Expect("00CA00F000", "9000"))));
        yield return new("MF10", "MF", "GET DATA 00F2: expiry, 8 ASCII digits YYYYMMDD", "00 CA 00 F2 00", "YYYYMMDD 9000", Soltia,
            async s => Assert.Equal(s.Persona.ExpiryDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(await s.Expect("00CA00F200", "9000"))));
        yield return new("MF11", "MF", "GET DATA 0042: issuer identification number, a 16-byte key reference", "00 CA 00 42 00", "16 bytes 9000", Soltia,
            async s => Assert.Equal(16, (await s.Expect("00CA004200", "9000")).Length));
        yield return new("MF12", "MF", "GET DATA 00F7: the key id that signs the 7F21 certificate", "00 CA 00 F7 00", "16 bytes 9000", Soltia,
            async s =>
            {
                var keyId = await s.Expect("00CA00F700", "9000");
                var lower = Verifier.ParseCvc(await s.Expect("00CA7F21000000", "9000"));
                Assert.Equal(Hex.Of(lower.Issuer), Hex.Of(keyId));
            });
        yield return new("MF13", "MF", "GET DATA of a large object (00F8, ~563 bytes) with a short Le: the card wants an extended Le", "00 CA 00 F8 00", "6700", $"{Soltia} card.rs get_data",
            s => s.Expect("00CA00F800", "6700"));
        yield return new("MF14", "MF", "GET DATA 00F8 with an extended Le: the upper MF certificate (template contents), from 6000020 on a test card", "00 CA 00 F8 00 00 00", "5F4E… 9000", Soltia,
            async s =>
            {
                var data = await s.Expect("00CA00F8000000", "9000");
                Assert.Equal("5F4E", Hex.Of(data.AsSpan(0, 2)));
                var cvc = Verifier.ParseCvc(data);
                Assert.Equal("6000020", Encoding.ASCII.GetString(cvc.Issuer, 0, 7));
                var anchor = CardFixture.Pki.Cvc(s.Persona.Algorithm).MfRoot.Key.PublicKey;
                Assert.True(Verifier.VerifyMessage(anchor, cvc.Body, cvc.Signature));
            });
        yield return new("MF15", "MF", "GET DATA 7F21: the certificate below 00F8 in the same chain", "00 CA 7F 21 00 00 00", "5F4E… 9000, signed by 00F8's key", Soltia,
            async s =>
            {
                var upper = Verifier.ParseCvc(await s.Expect("00CA00F8000000", "9000"));
                var lower = Verifier.ParseCvc(await s.Expect("00CA7F21000000", "9000"));
                Assert.Equal(Hex.Of(upper.Subject), Hex.Of(lower.Issuer));
                Assert.True(Verifier.VerifyMessage(upper.SubjectKey, lower.Body, lower.Signature));
            });
        yield return new("MF16", "MF", "Older cards have no 7F21 object", "00 CA 7F 21 00 00 00", "6A88 (absent)", Soltia,
            s => s.Expect("00CA7F21000000", "6A88")) { Persona = "older-card" };
        yield return new("MF17", "MF", "GET DATA answers only at the MF level", "00 CA 00 F0 00 (surface AP)", "6A88", Soltia,
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.Expect("00CA00F000", "6A88");
            });
        yield return new("MF18", "MF", "GET DATA of a tag the card does not hold", "00 CA 12 34 00", "6A88", Soltia,
            s => s.Expect("00CA123400", "6A88"));
        yield return new("MF19", "MF", "GET CHALLENGE at the MF and inside an AP", "00 84 00 00 08", "8 random bytes 9000", Soltia,
            async s =>
            {
                var a = await s.Expect("0084000008", "9000");
                await s.Select(ApplicationKind.Text);
                var b = await s.Expect("0084000008", "9000");
                Assert.Equal(8, a.Length);
                Assert.NotEqual(Hex.Of(a), Hex.Of(b));
            });
        yield return new("MF20", "MF", "GET CHALLENGE honours every Le 1–256 exactly (00 = 256)", "00 84 00 00 01 / 10 / 00", "1 / 16 / 256 bytes 9000", Soltia,
            async s =>
            {
                Assert.Single(await s.Expect("0084000001", "9000"));
                Assert.Equal(16, (await s.Expect("0084000010", "9000")).Length);
                Assert.Equal(256, (await s.Expect("0084000000", "9000")).Length);
            });
        yield return new("MF21", "MF", "GET CHALLENGE with an extended Le is refused", "00 84 00 00 00 00 10", "6985", $"{Soltia} card.rs get_challenge",
            s => s.Expect("00840000000010", "6985"));
    }

    private static IEnumerable<FidelityRow> ChannelsAndSecureMessaging()
    {
        yield return new("CH1", "Any", "Logical channels other than 0 do not exist", "01 A4 04 0C 0A <surface AID>", "6881", $"{Soltia} apdu.rs",
            s => s.Expect("01A4040C0A" + FidelityScript.Surface, "6881"));
        yield return new("CH2", "Any", "Channels 2 and 3 likewise, for any command", "02 B0 00 00 04; 03 84 00 00 08", "6881", $"{Soltia} apdu.rs",
            async s =>
            {
                await s.Expect("02B0000004", "6881");
                await s.Expect("0384000008", "6881");
            });
        yield return new("SM1", "Any", "SELECT under a secure-messaging class byte, no session", "08 A4 02 0C … ; 0C A4 02 0C …", "6882", $"{Soltia} README",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.Expect("08A4020C020004", "6882");
                await s.Expect("0CA4020C020004", "6882");
            });
        yield return new("SM2", "Any", "READ BINARY under 08/0C, no session", "08 B0 00 00 04; 0C B0 00 00 04", "69FC", $"{Soltia} README",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.SelectEf(0x0004);
                await s.Expect("08B0000004", "69FC");
                await s.Expect("0CB0000004", "69FC");
            });
        yield return new("SM3", "Any", "VERIFY under 08/0C, no session", "08 20 00 80 …; 0C 20 00 80 …", "69FC", $"{Soltia} README",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.SelectEf(0x0011);
                await s.Expect("0820008004" + Ascii("0000"), "69FC");
                await s.Expect("0C20008004" + Ascii("0000"), "69FC");
            });
        yield return new("SM4", "JPKI", "JPKI AP: a read under CLA 08 (no SM there)", "08 B0 00 00 04 (EF 000A)", "69FC", $"{Soltia} ap/jpki.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                await s.SelectEf(0x000A);
                await s.Expect("08B0000004", "69FC");
            });
    }

    private static IEnumerable<FidelityRow> SessionKey()
    {
        var cryptogram = "80AE0000000100" + Hex.Of(new byte[256].Select((_, i) => (byte)(i == 0 ? 0x01 : 0x5A)).ToArray());
        yield return new("SK1", "Common", "SET SESSION KEY: no key delivery configured", "80 AE 00 00 00 0100 <256>", "66F1", $"{Soltia} ap/text.rs, ap/common.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Common);
                await s.Expect(cryptogram, "66F1");
            });
        yield return new("SK2", "Surface", "SET SESSION KEY, also after 照合番号B", "80 AE 00 00 …", "66F1", $"{Soltia} ap/surface.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.Expect(cryptogram, "66F1");
                await s.Verify(0x0012, s.Persona.VerificationNumberB);
                await s.Expect(cryptogram, "66F1");
            });
        yield return new("SK3", "JPKI", "SET SESSION KEY, also with both JPKI PINs presented", "80 AE 00 00 …", "6982", $"{Soltia} ap/jpki.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                await s.Expect(cryptogram, "6982");
                await s.Verify(0x0018, s.Persona.AuthPin!);
                await s.Verify(0x001B, s.Persona.SignPassword!);
                await s.Expect(cryptogram, "6982");
            });
        yield return new("SK4", "住基", "SET SESSION KEY, also with the PIN", "80 AE 00 00 …", "6982", $"{Soltia} ap/juki.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Juki);
                await s.Verify(0x001C, s.Persona.JukiPin!);
                await s.Expect(cryptogram, "6982");
            });
        yield return new("SK5", "Text", "SET SESSION KEY with nothing presented (checked before any decryption)", "80 AE 00 00 …", "6982", $"{Soltia} sm.rs, ap/text.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.Expect(cryptogram, "6982");
            });
        yield return new("SK6", "Text", "SET SESSION KEY after 照合番号A only (A itself accepted)", "80 AE 00 00 …", "9000 to A, then 6982", $"{Soltia} sm.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.Verify(0x0014, s.Persona.VerificationNumberA);
                await s.Expect(cryptogram, "6982");
            });
        yield return new("SK7", "Text", "SET SESSION KEY, PIN presented, cryptogram ≥ the EF 0006 modulus", "80 AE 00 00 00 0100 FF…FF", "6F00", $"{Soltia} ap/text.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.Verify(0x0011, s.Persona.TextPin!);
                await s.Expect(SmTerminal.SetSessionKeyApdu(Enumerable.Repeat((byte)0xFF, 256).ToArray()), "6F00");
            });
        yield return new("SK8", "Text", "SET SESSION KEY, PIN presented, a cryptogram that does not decrypt", "80 AE 00 00 00 0100 01 5A…", "6A80", $"{Soltia} ap/text.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.Verify(0x0011, s.Persona.TextPin!);
                await s.Expect(cryptogram, "6A80");
            });
        yield return new("SK9", "Text", "SET SESSION KEY carrying a CCS key (A0 {81} or A0 {80, 81}): only the encryption-key form is accepted", "80 AE 00 00 <OAEP(A0 24 80 10 … 81 10 …)>", "6A80", $"{Soltia} sm.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.Verify(0x0011, s.Persona.TextPin!);
                var key = (RsaKeyParameters)Verifier.PublicKeyFromField(TlvNode.ParseOne(await s.ReadObject(0x0006)).Value);
                byte[] both = [0xA0, 0x24, 0x80, 0x10, .. new byte[16], 0x81, 0x10, .. new byte[16]];
                byte[] ccsOnly = [0xA0, 0x12, 0x81, 0x10, .. new byte[16]];
                await s.Expect(SmTerminal.SetSessionKeyApdu(SmTerminal.Encrypt(key, both)), "6A80");
                await s.Expect(SmTerminal.SetSessionKeyApdu(SmTerminal.Encrypt(key, ccsOnly)), "6A80");
            });
        yield return new("SK10", "Text", "SET SESSION KEY, PIN presented, RSA-OAEP/SHA-256 of A0 22 80 20 ‖ 32 bytes to the EF 0006 key", "80 AE 00 00 00 0100 <256>", "9000", $"{Soltia} sm.rs",
            async s =>
            {
                using var sm = new SmTerminal(RandomNumberGenerator.GetBytes(32));
                await OpenSession(s, sm);
            });
        yield return new("SK11", "Text", "In a session, CLA 0C (header authentication) has no CCS key to check", "0C B0 00 00 …", "6987", $"{Soltia} sm.rs",
            async s =>
            {
                using var sm = new SmTerminal(RandomNumberGenerator.GetBytes(32));
                await OpenSession(s, sm);
                await s.Expect("0CB0000005960300001000", "6987");
            });
        yield return new("SK12", "Text", "In a session: 照合番号A presented as 86 L 01 ‖ AES-CBC cryptogram, then SM SELECT and SM READ (96 03 00 0000) return the encrypted My Number file", "08 20 00 94 …; 08 A4 02 0C …; 08 B0 00 00 00 0005 960300 0000 0000", "9000; 9000; 86 L 01 ‖ cryptogram of the 17-byte file 9000", $"{Soltia} sm.rs",
            async s =>
            {
                using var sm = new SmTerminal(RandomNumberGenerator.GetBytes(32));
                await OpenSession(s, sm);
                await s.Expect(sm.Verify(0x14, s.Persona.VerificationNumberA), "9000");
                await s.Expect(sm.SelectEf(0x0001), "9000");
                var answer = await s.Expect(sm.ReadBinary(0, 0), "9000");
                Assert.Equal(Hex.Of(s.Image.ReadPhysicalFile(ApplicationKind.Text, 0x0001)), Hex.Of(sm.Open(answer, sm.Last)));
            });
        yield return new("SK13", "Text", "The counter advances on a command the application refuses (VERIFY of the blocked key 0012 → 6984)", "08 20 00 92 …", "6984, next command uses N+1", $"{Soltia} sm.rs",
            async s =>
            {
                using var sm = new SmTerminal(RandomNumberGenerator.GetBytes(32));
                await OpenSession(s, sm);
                await s.Expect(sm.Verify(0x12, "00000000"), "6984");
                await s.Expect(sm.SelectEf(0x0002), "9000");
            });
        yield return new("SK14", "Text", "Plain commands between SM commands do not advance the counter", "00 84 00 00 08 between SM commands", "9000; next SM command uses N", $"{Soltia} sm.rs",
            async s =>
            {
                using var sm = new SmTerminal(RandomNumberGenerator.GetBytes(32));
                await OpenSession(s, sm);
                await s.Expect("0084000008", "9000");
                await s.Expect(sm.SelectEf(0x0003), "9000");
            });
        yield return new("SK15", "Text", "The wrong data object (86 on READ BINARY) ends the session", "08 B0 00 00 … 86 …", "6988 (then 69FC: soltia48 ends the session on every 6988, as the card does after a counter error)", $"{Soltia} sm.rs",
            async s =>
            {
                using var sm = new SmTerminal(RandomNumberGenerator.GetBytes(32));
                await OpenSession(s, sm);
                byte[] wrong = [0x08, 0xB0, 0x00, 0x00, 0x05, 0x86, 0x03, 0x00, 0x00, 0x10, 0x00];
                await s.Expect(wrong, "6988");
                await s.Expect(sm.SelectEf(0x0002), "69FC");
            });
        yield return new("SK16", "Text", "A counter out of step: the card cannot unpad, ends the session", "08 A4 02 0C … (cryptogram for N+1)", "6988, then 69FC", $"{Soltia} sm.rs",
            async s =>
            {
                // A fixed seed: whether a wrongly decrypted block happens to unpad depends on the bytes (about 1 in 256 would).
                using var sm = new SmTerminal(Enumerable.Repeat((byte)0x11, 32).ToArray());
                await OpenSession(s, sm);
                sm.Counter++;
                await s.Expect(sm.SelectEf(0x0002), "6988");
                sm.Counter = 2;
                await s.Expect(sm.SelectEf(0x0002), "69FC");
            });
        yield return new("SK17", "Text", "Selecting an application ends the session", "00 A4 04 0C … text AID; 08 B0 …", "69FC", $"{Soltia} sm.rs",
            async s =>
            {
                using var sm = new SmTerminal(RandomNumberGenerator.GetBytes(32));
                await OpenSession(s, sm);
                await s.Select(ApplicationKind.Text);
                await s.Expect(sm.ReadBinary(0, 0), "69FC");
            });
    }

    private static async Task OpenSession(FidelityScript s, SmTerminal sm)
    {
        await s.Select(ApplicationKind.Text);
        await s.Verify(0x0011, s.Persona.TextPin!);
        var ef0006 = await s.ReadObject(0x0006);
        await s.Expect(sm.SetSessionKey(ef0006), "9000");
    }

    private static IEnumerable<FidelityRow> InternalAuthenticate()
    {
        yield return new("IA1", "Common", "INTERNAL AUTHENTICATE with EF 0019, no credential: PKCS#1 v1.5 over SHA-256 DigestInfo(challenge), deterministic", "00 88 00 99 05 <5 bytes> 00", "256 bytes 9000", $"{Soltia} card.rs, ap/common.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Common);
                var challenge = RandomNumberGenerator.GetBytes(5);
                byte[] apdu = [0x00, 0x88, 0x00, 0x99, 0x05, .. challenge, 0x00];
                var first = await s.Expect(apdu, "9000");
                Assert.Equal(256, first.Length);
                Assert.Equal(Hex.Of(first), Hex.Of(await s.Expect(apdu, "9000")));
                var key = CardPersonalizer.CommonInternalAuthenticationKey(CardFixture.Pki).PublicKey; // not on the card
                Assert.Equal(Hex.Of([.. Sha256Prefix, .. SHA256.HashData(challenge)]), Hex.Of(Verifier.RecoverPkcs1(key, first)));
            });
        yield return new("IA2", "JPKI", "INTERNAL AUTHENTICATE with a key behind a PIN (0017)", "00 88 00 97 …", "6982", $"{Soltia} card.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                await s.Expect("0088009705010203040500", "6982");
            });
        yield return new("IA3", "券面", "INTERNAL AUTHENTICATE with the 券面 APs' signing keys (surface 001A, text 0013): they sign through 80 2A", "00 88 00 9A …; 00 88 00 93 …", "6985", $"{Soltia} card.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.Expect("0088009A05010203040500", "6985");
                await s.Select(ApplicationKind.Text);
                await s.Expect("0088009305010203040500", "6985");
            });
        yield return new("PK1", "JPKI", "SET PUBLIC IC KEY: every P1-P2 probed is refused", "80 A2 00 00 / 00 AE / 80 00 / 00 B6", "6A86", $"{Soltia} card.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                foreach (var p1p2 in new[] { "0000", "00AE", "8000", "00B6" })
                {
                    await s.Expect("80A2" + p1p2 + "0400000000", "6A86");
                }
            });
        yield return new("LC1", "Any", "Last-command indicator (iPhone JPKI profile) on a physical card", "80 FC 00 00", "6700", $"{Soltia} card.rs",
            async s =>
            {
                await s.Expect("80FC0000", "6700");
                await s.Select(ApplicationKind.Jpki);
                await s.Expect("80FC0000", "6700");
            });
    }

    private static IEnumerable<FidelityRow> SelectAndRead()
    {
        yield return new("SE1", "Any", "SELECT DF by name (P2 0C) of the five APs", "00 A4 04 0C 0A <AID>", "9000", $"{Myna}, {OpenSc}, {Pymyna}, {Soltia}",
            async s =>
            {
                foreach (var aid in new[] { FidelityScript.Jpki, FidelityScript.Text, FidelityScript.Surface, FidelityScript.Juki, FidelityScript.Common })
                {
                    await s.SelectAid(aid);
                }
            });
        yield return new("SE2", "Any", "SELECT EF by identifier in an AP; an id the AP lacks", "00 A4 02 0C 02 0004; … 0099", "9000; 6A82", $"{Myna}, {Soltia}",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.SelectEf(0x0004);
                await s.Expect("00A4020C020099", "6A82");
            });
        yield return new("RB1", "Any", "READ BINARY at or past the end of the file", "00 B0 <size> 01", "6B00", $"{Soltia} card.rs (JICSAP 7.3.1)",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                var size = (await s.ReadPhysical(0x0004)).Length;
                await s.Expect([0x00, 0xB0, (byte)(size >> 8), (byte)size, 0x01], "6B00");
            });
        yield return new("RB2", "Any", "READ BINARY returns fewer bytes than Le at the end of the file", "00 B0 <size-10> 00", "10 bytes 9000", $"{Soltia} card.rs (JICSAP 6.4.1)",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                var size = (await s.ReadPhysical(0x0004)).Length - 10;
                Assert.Equal(10, (await s.Expect([0x00, 0xB0, (byte)(size >> 8), (byte)size, 0x00], "9000")).Length);
            });
        yield return new("RB3", "Any", "READ BINARY by short EF id selects the EF (P1 = 80 + SFI, 8-bit offset)", "00 B0 83 00 00", "surface EF 0003 9000", $"{Soltia} card.rs, {Aoki}",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                var data = await s.Expect("00B0830000", "9000");
                Assert.Equal(Hex.Of(s.Image.ReadPhysicalFile(ApplicationKind.Surface, 0x0003).AsSpan(0, 256)), Hex.Of(data));
                Assert.Equal(Hex.Of(data.AsSpan(0, 4)), Hex.Of(await s.Expect("00B0000004", "9000"))); // now the current EF
            });
        yield return new("RB4", "Text", "Extended Le on text EF 0005: 256 bytes for a 160-byte object (filler past the TLV)", "00 B0 00 00 00 01 00", "256 bytes 9000", $"{Pymyna} text_ap.py",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.SelectEf(0x0005);
                var data = await s.Expect("00B00000000100", "9000");
                Assert.Equal(256, data.Length);
                Assert.True(TlvNode.ParseOne(data).TotalLength < 256);
            });
        yield return new("RB5", "Surface", "READ BINARY by SFI with extended Le 0000 reads the whole card face in one command", "00 B0 82 00 00 00 00", "whole EF 9000", $"{Aoki} read-binary.ts (readEfBinaryFull)",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.Verify(0x0012, s.Persona.VerificationNumberB);
                var data = await s.Expect("00B08200000000", "9000");
                Assert.Equal(Hex.Of(s.Image.ReadPhysicalFile(ApplicationKind.Surface, 0x0002)), Hex.Of(data));
                Assert.StartsWith("FF2082", Hex.Of(data), StringComparison.Ordinal);
            });
        yield return new("RB6", "Any", "Files carry filler past their TLV: a read to the end returns more than the object", "00 B0 … to the end", "object ‖ filler", $"{Soltia} data.rs (TlvFields), tests/signatures.rs; {Pymyna}",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                foreach (ushort fid in new ushort[] { 0x0003, 0x0004 })
                {
                    var physical = await s.ReadPhysical(fid);
                    Assert.True(physical.Length > TlvNode.ParseOne(physical).TotalLength, $"EF {fid:X4} has filler");
                }
            });
        yield return new("RR1", "Common", "READ RECORD 1 of SFI 1 without SELECT: 01 1C + serial(15) municipality(5) expiry(8)", "00 B2 01 0C 00", "01 1C <28 digits> 9000", $"{Soltia} ap/common.rs, {Myna} unknown.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Common);
                var record = await s.Expect("00B2010C00", "9000");
                var p = s.Persona;
                Assert.Equal("011C" + Ascii(p.CardSerial + p.MunicipalityCode + p.ExpiryDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)), Hex.Of(record));
            });
        yield return new("RR2", "Common/住基", "EF 0002 of the common and 住基 APs: one record, a 16-byte key reference, byte-identical in both", "00 A4 02 0C 02 0002; 00 B2 01 04 00", "16 bytes 9000 (same in both)", $"{Soltia} ap/common.rs, ap/juki.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Common);
                await s.SelectEf(0x0002);
                var common = await s.Expect("00B2010400", "9000");
                await s.Select(ApplicationKind.Juki);
                await s.SelectEf(0x0002);
                Assert.Equal(16, common.Length);
                Assert.Equal(Hex.Of(common), Hex.Of(await s.Expect("00B2010400", "9000")));
            });
    }

    private static IEnumerable<FidelityRow> Access()
    {
        yield return new("AC1", "Surface", "Protected EFs before any credential", "00 B0 00 00 05 (EF 0001/0002/0005)", "6982", $"{Myna}, {Soltia}",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                foreach (ushort fid in new ushort[] { 0x0001, 0x0002, 0x0005 })
                {
                    await s.SelectEf(fid);
                    await s.Expect("00B0000005", "6982");
                }
            });
        yield return new("AC2", "Surface", "照合番号B opens 0002 but not 0005; 照合番号A opens both", "VERIFY EF 0012 / 0013, READ 0002 / 0005", "9000/6982; 9000/9000", $"{Soltia} ap/surface.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.Verify(0x0012, s.Persona.VerificationNumberB);
                await s.SelectEf(0x0002);
                await s.Expect("00B0000005", "9000");
                await s.SelectEf(0x0005);
                await s.Expect("00B0000005", "6982");
                await s.Verify(0x0013, s.Persona.VerificationNumberA);
                await s.SelectEf(0x0005);
                await s.Expect("00B0000005", "9000");
            });
        yield return new("AC3", "Surface", "The birth-date key (EF 0011, era YYMMDD) opens the age record 0001 only", "VERIFY EF 0011; READ 0001 / 0002", "9000 / 6982", $"{Soltia} ap/surface.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.Verify(0x0011, s.Persona.BirthDateKey);
                await s.SelectEf(0x0001);
                await s.Expect("00B0000005", "9000");
                await s.SelectEf(0x0002);
                await s.Expect("00B0000005", "6982");
            });
        yield return new("AC4", "Text", "照合番号A opens 0001 not 0002; 照合番号B opens 0002 not 0001; the PIN opens both", "VERIFY 0014 / 0015 / 0011; READ 0001, 0002", "as stated", $"{Soltia} ap/text.rs; 総務省 2015",
            async s =>
            {
                async Task Reads(string ef1, string ef2)
                {
                    await s.SelectEf(0x0001);
                    await s.Expect("00B0000005", ef1);
                    await s.SelectEf(0x0002);
                    await s.Expect("00B0000005", ef2);
                }

                await s.Select(ApplicationKind.Text);
                await s.Verify(0x0014, s.Persona.VerificationNumberA);
                await Reads("9000", "6982");
                await s.ResetAsync();
                await s.Select(ApplicationKind.Text);
                await s.Verify(0x0015, s.Persona.VerificationNumberB);
                await Reads("6982", "9000");
                await s.ResetAsync();
                await s.Select(ApplicationKind.Text);
                await s.Verify(0x0011, s.Persona.TextPin!);
                await Reads("9000", "9000");
            });
        yield return new("AC5", "Text", "EF 0003, 0006, 0007 open with the PIN or either 照合番号", "VERIFY 0015; READ 0003/0006/0007", "9000", $"{Soltia} tests/fixtures/README.md",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.SelectEf(0x0003);
                await s.Expect("00B0000005", "6982");
                await s.Verify(0x0015, s.Persona.VerificationNumberB);
                foreach (ushort fid in new ushort[] { 0x0003, 0x0006, 0x0007 })
                {
                    await s.SelectEf(fid);
                    await s.Expect("00B0000005", "9000");
                }
            });
        yield return new("AC6", "Any", "A VERIFY holds until the card leaves the field (power cycle clears it)", "VERIFY; reset; READ", "6982 after reset", $"{Soltia} README",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.Verify(0x0012, s.Persona.VerificationNumberB);
                await s.ResetAsync();
                await s.Select(ApplicationKind.Surface);
                await s.SelectEf(0x0002);
                await s.Expect("00B0000005", "6982");
            });
        yield return new("AC7", "Any", "Selecting another application clears the security state", "VERIFY in text AP; SELECT surface, text; READ 0002", "6982", $"{Soltia} sm.rs (\"exactly like a security status\")",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.Verify(0x0011, s.Persona.TextPin!);
                await s.Select(ApplicationKind.Surface);
                await s.Select(ApplicationKind.Text);
                await s.SelectEf(0x0002);
                await s.Expect("00B0000005", "6982");
            });
    }

    private static IEnumerable<FidelityRow> VerifyAndRetries()
    {
        yield return new("VF1", "Any", "Empty VERIFY reports the tries left without spending one", "00 20 00 80", "surface B 63CA, text PIN 63C3, JPKI auth 63C3, sign 63C5, 住基 63C3", $"{Myna}, {OpenSc}, {Soltia} (JICSAP 6.4.9)",
            async s =>
            {
                foreach (var (kind, fid, sw) in new[] { (ApplicationKind.Surface, (ushort)0x0012, "63CA"), (ApplicationKind.Text, (ushort)0x0011, "63C3"), (ApplicationKind.Jpki, (ushort)0x0018, "63C3"), (ApplicationKind.Jpki, (ushort)0x001B, "63C5"), (ApplicationKind.Juki, (ushort)0x001C, "63C3") })
                {
                    await s.Select(kind);
                    await s.SelectEf(fid);
                    await s.Expect("00200080", sw);
                    await s.Expect("00200080", sw);
                }
            });
        yield return new("VF2", "Any", "A wrong value spends one try (63Cx−1); a right one resets the counter", "00 20 00 80 04 <wrong> ; <right>", "63C2; 9000; 63C3", $"{Myna}, {Soltia}",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.Verify(0x0011, "9999" == s.Persona.TextPin ? "8888" : "9999", "63C2");
                await s.Expect(FidelityScript.VerifyApdu(0x80, s.Persona.TextPin!), "9000");
                await s.Expect("00200080", "63C3");
            });
        yield return new("VF3", "Any", "The attempt that exhausts the counter answers 63C0; every later one 6984; the query 63C0", "wrong × 3; VERIFY; 00 20 00 80", "63C0; 6984; 63C0", $"{Soltia} README, card.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                var wrong = s.Persona.AuthPin == "0000" ? "1111" : "0000";
                await s.Verify(0x0018, wrong, "63C2");
                await s.Expect(FidelityScript.VerifyApdu(0x80, wrong), "63C1");
                await s.Expect(FidelityScript.VerifyApdu(0x80, wrong), "63C0");
                await s.Expect(FidelityScript.VerifyApdu(0x80, s.Persona.AuthPin!), "6984");
                await s.Expect("00200080", "63C0");
            });
        yield return new("VF4", "Text", "Text AP key EF 0012 is blocked on issue", "00 20 00 80 (EF 0012); 00 20 00 80 04 …", "63C0; 6984", $"{Soltia} ap/text.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.SelectEf(0x0012);
                await s.Expect("00200080", "63C0");
                await s.Expect("0020008004" + Ascii("1234"), "6984");
            });
        yield return new("VF5", "Any", "VERIFY naming the key EF in P2 (80 + SFI) without a SELECT", "00 20 00 92 0E <照合番号B>", "9000", $"{Soltia} card.rs verify_sfi, {Aoki} verify.ts",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.Expect("00200092", "63CA");
                await s.Expect(FidelityScript.VerifyApdu(0x92, s.Persona.VerificationNumberB), "9000");
            });
        yield return new("VF6", "Any", "Empty VERIFY of a key already verified: some cards answer 9000 (others the counter)", "00 20 00 80 after a good VERIFY", "9000 on some cards", $"{Soltia} card.rs (Retries::NotReported)",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.Verify(0x0012, s.Persona.VerificationNumberB);
                await s.Expect("00200080", "9000");
            }) { Profile = CardProfile.Current with { Name = "verified-query-9000", EmptyVerifyAnswersOkWhenVerified = true } };
        yield return new("VF7", "Surface", "照合番号B allows 10 tries", "00 20 00 80 (surface EF 0012)", "63CA", "Digital Agency page and LIQUID eKYC guide",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.SelectEf(0x0012);
                await s.Expect("00200080", "63CA");
            });
    }

    private static IEnumerable<FidelityRow> TextAp()
    {
        yield return new("TX1", "Text", "EF 0001: FF 10 0C + 12 digits + FF FF, 17 physical bytes", "READ EF 0001 (PIN)", "17 bytes", $"{Pymyna}, {Soltia} fixtures",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.Verify(0x0011, s.Persona.TextPin!);
                var file = await s.ReadPhysical(0x0001);
                Assert.Equal("FF100C" + Ascii(s.Persona.MyNumber) + "FFFF", Hex.Of(file));
            });
        yield return new("TX2", "Text", "EF 0002: FF20 { DF21 offsets from the file start, DF22 name, DF23 address (UTF-8), DF24 YYYYMMDD, DF25 sex }", "READ EF 0002 (照合番号B)", "as stated", $"{Soltia} ap/text.rs test vector, {Myna}",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.Verify(0x0015, s.Persona.VerificationNumberB);
                var file = await s.ReadObject(0x0002);
                var outer = TlvNode.ParseOne(file);
                var children = TlvNode.ParseAll(outer.Value, outer.HeaderLength);
                Assert.Equal(new[] { 0xDF21, 0xDF22, 0xDF23, 0xDF24, 0xDF25 }, children.Select(c => c.Tag));
                for (var i = 1; i < children.Count; i++)
                {
                    Assert.Equal(children[i].Offset, BinaryPrimitives.ReadUInt16BigEndian(children[0].Value.AsSpan(2 * (i - 1))));
                }

                Assert.Equal(s.Persona.Holder.FullName, Encoding.UTF8.GetString(children[1].Value));
            });
        yield return new("TX3", "Text", "EF 0003: FF30 82014B, DF31 = SHA-256 of all 17 bytes of EF 0001, DF32 = SHA-256 of DF22…DF25, DF33 over DF31‖DF32", "READ EF 0003 (PIN)", "336 bytes", $"{Pymyna}, {Soltia} tests/text_records.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.Verify(0x0011, s.Persona.TextPin!);
                var record = await s.ReadObject(0x0003);
                Assert.Equal(336, record.Length);
                Assert.StartsWith("FF3082014B", Hex.Of(record), StringComparison.Ordinal);
                var nodes = TlvNode.ParseAll(TlvNode.ParseOne(record).Value);
                Assert.Equal(Hex.Of(SHA256.HashData(await s.ReadPhysical(0x0001))), Hex.Of(nodes[0].Value));
                var issuer = Verifier.ParseCvc(await s.ReadObject(0x0004)).SubjectKey;
                Assert.True(Verifier.VerifyMessage(issuer, TlvNode.ParseOne(record).Value[..70], nodes[2].Value));
            });
        yield return new("TX4", "Text", "EF 0004: CVC 7F21 820233 (568 bytes) from 6000033 on a test card, subject the municipality's own key", "READ EF 0004", "568 bytes, issuer 6000033/001", $"{Pymyna}, {Soltia}",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                var cvc = await s.ReadObject(0x0004);
                Assert.Equal(568, cvc.Length);
                var parsed = Verifier.ParseCvc(cvc);
                Assert.Equal("6000033", Encoding.ASCII.GetString(parsed.Issuer, 0, 7));
                Assert.StartsWith(s.Persona.MunicipalityCode, Encoding.ASCII.GetString(parsed.Subject, 0, 7), StringComparison.Ordinal);
            });
        yield return new("TX5", "Text", "EF 0005: DF41 01 03 0E 01 (byte 1 = extended Lc/Le), DF42 x000034/001 ≠ the CVC subject, DF43 32 bytes + 96 FF", "READ EF 0005", "as stated", $"{Soltia} tests/text_records.rs, data.rs; {Myna}",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                var nodes = TlvNode.ParseAll(TlvNode.ParseOne(await s.ReadObject(0x0005)).Value);
                Assert.Equal("01030E01", Hex.Of(nodes[0].Value));
                Assert.Equal("6000034/001", Describe(nodes[1].Value));
                Assert.NotEqual(Hex.Of(nodes[1].Value), Hex.Of(Verifier.ParseCvc(await s.ReadObject(0x0004)).Subject));
                Assert.Equal(128, nodes[2].Value.Length);
                Assert.All(nodes[2].Value[32..], b => Assert.Equal(0xFF, b));
            });
        yield return new("TX6", "Text", "EF 0006: A1 { 90 e, 91 n }, a third key: neither EF 0007's DF51 nor the issuer's", "READ EF 0006, 0007, 0004", "three different keys", $"{Soltia} tests/text_records.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.Verify(0x0015, s.Persona.VerificationNumberB);
                var sm = Verifier.PublicKeyFromField(TlvNode.ParseOne(await s.ReadObject(0x0006)).Value);
                var df51 = Verifier.PublicKeyFromField(TlvNode.ParseAll(TlvNode.ParseOne(await s.ReadObject(0x0007)).Value)[0].Value);
                var issuer = Verifier.ParseCvc(await s.ReadObject(0x0004)).SubjectKey;
                Assert.NotEqual(sm, df51);
                Assert.NotEqual(sm, issuer);
            });
        yield return new("TX7", "Text", "EF 0007: FF50 820213 { DF51 the AP's signing key, DF52 issuer signature over the DF51 TLV }", "READ EF 0007", "verifies under the CVC key", Soltia,
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.Verify(0x0015, s.Persona.VerificationNumberB);
                var record = await s.ReadObject(0x0007);
                Assert.StartsWith("FF50820213", Hex.Of(record), StringComparison.Ordinal);
                var value = TlvNode.ParseOne(record).Value;
                var nodes = TlvNode.ParseAll(value);
                var issuer = Verifier.ParseCvc(await s.ReadObject(0x0004)).SubjectKey;
                Assert.True(Verifier.VerifyMessage(issuer, nodes[0].Encoded(value), nodes[1].Value));
            });
        yield return new("TX8", "Text", "EF 0008: sixteen FF", "READ EF 0008", "FF × 16", $"{Soltia} README, ap/text.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                Assert.Equal(new string('F', 32), Hex.Of(await s.ReadPhysical(0x0008)));
            });
        yield return new("TX9", "Text", "80 2A 00 00 signs with the AP's own key with no credential; verifies with EF 0007 DF51", "80 2A 00 00 33 <DigestInfo> 00", "256 bytes 9000", $"{Soltia} ap/text.rs sign",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                var signature = await Challenge(s, out var digestInfo);
                await s.Verify(0x0015, s.Persona.VerificationNumberB);
                var df51 = Verifier.PublicKeyFromField(TlvNode.ParseAll(TlvNode.ParseOne(await s.ReadObject(0x0007)).Value)[0].Value);
                Assert.Equal(Hex.Of(digestInfo), Hex.Of(Verifier.RecoverPkcs1(df51, signature)));
            });
    }

    private static string Describe(byte[] keyId) => $"{Encoding.ASCII.GetString(keyId, 0, 7)}/{Encoding.ASCII.GetString(keyId, 9, 3)}";

    private static Task<byte[]> Challenge(FidelityScript s, out byte[] digestInfo)
    {
        digestInfo = [.. Sha256Prefix, .. SHA256.HashData(RandomNumberGenerator.GetBytes(32))];
        return s.Expect([0x80, 0x2A, 0x00, 0x00, (byte)digestInfo.Length, .. digestInfo, 0x00], "9000");
    }

    private static IEnumerable<FidelityRow> SurfaceAp()
    {
        yield return new("SF1", "Surface", "EF 0001 age record: FF10 82021E { DF11 DOB, DF12 card key, DF13 issuer signature over DF11‖DF12 }", "READ EF 0001 (birth-date key)", "as stated", $"{Soltia} tests/signatures.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.Verify(0x0011, s.Persona.BirthDateKey);
                var record = await s.ReadObject(0x0001);
                Assert.StartsWith("FF1082021E", Hex.Of(record), StringComparison.Ordinal);
                var value = TlvNode.ParseOne(record).Value;
                var nodes = TlvNode.ParseAll(value);
                Assert.Equal(s.Persona.Holder.DateOfBirthDigits, Encoding.ASCII.GetString(nodes[0].Value));
                var issuer = Verifier.ParseCvc(await s.ReadObject(0x0004)).SubjectKey;
                Assert.True(Verifier.VerifyMessage(issuer, [.. nodes[0].Encoded(value), .. nodes[1].Encoded(value)], nodes[2].Value));
            });
        yield return new("SF2", "Surface", "EF 0002 card face: FF20 82 LLLL, DF21 offsets, DF22–DF2A; DF27 JP2; DF28 over three SHA-256 digests in one DigestInfo; DF29/DF2A after it", "READ EF 0002 (照合番号B)", "as stated", $"{Soltia} ap/surface.rs, tests/signatures.rs; {Myna}; {Aoki}",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.Verify(0x0012, s.Persona.VerificationNumberB);
                var face = await s.ReadObject(0x0002);
                var outer = TlvNode.ParseOne(face);
                var nodes = TlvNode.ParseAll(outer.Value, outer.HeaderLength);
                Assert.Equal(Enumerable.Range(0xDF21, 10), nodes.Select(n => n.Tag));
                Assert.StartsWith("0000000C6A502020", Hex.Of(nodes[6].Value), StringComparison.Ordinal);
                byte[] Group(params int[] tags) => [.. nodes.Where(n => tags.Contains(n.Tag)).SelectMany(n => n.Encoded(face))];
                byte[] expected = [.. Hex.Bytes("3071300D06096086480165030402010500 0460".Replace(" ", string.Empty, StringComparison.Ordinal)),
                    .. SHA256.HashData(Group(0xDF22, 0xDF23, 0xDF24)), .. SHA256.HashData(Group(0xDF25, 0xDF26)), .. SHA256.HashData(Group(0xDF27))];
                var issuer = Verifier.ParseCvc(await s.ReadObject(0x0004)).SubjectKey;
                Assert.Equal(Hex.Of(expected), Hex.Of(Verifier.RecoverPkcs1(issuer, nodes[7].Value)));
            });
        yield return new("SF3", "Surface", "EF 0003: FF30 { DF31 06 03 0E 01, DF32 x000024/001 ≠ the CVC subject, DF33 version 00, DF34 municipality, DF35 5900025/001 + 256 bytes }", "READ EF 0003", "as stated", $"{Soltia} tests/signatures.rs, ap/surface.rs; {Myna} visual.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                var nodes = TlvNode.ParseAll(TlvNode.ParseOne(await s.ReadObject(0x0003)).Value);
                Assert.Equal(new[] { 0xDF31, 0xDF32, 0xDF33, 0xDF34, 0xDF35 }, nodes.Select(n => n.Tag));
                Assert.Equal("06030E01", Hex.Of(nodes[0].Value));
                Assert.Equal("6000024/001", Describe(nodes[1].Value));
                Assert.Equal("00", Hex.Of(nodes[2].Value));
                Assert.Equal(s.Persona.MunicipalityCode, Encoding.ASCII.GetString(nodes[3].Value));
                Assert.Equal("5900025/001", Describe(nodes[4].Value[..16]));
                Assert.Equal(272, nodes[4].Value.Length);
            });
        yield return new("SF4", "Surface", "EF 0004: CVC from 6000023/001 (test card); subject = municipality code + 21, /000", "READ EF 0004", "issuer 6000023/001, subject <code>21/000", $"{Soltia} tests/signatures.rs (1322121/000)",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                var cvc = Verifier.ParseCvc(await s.ReadObject(0x0004));
                Assert.Equal("6000023/001", Describe(cvc.Issuer));
                Assert.Equal(s.Persona.MunicipalityCode + "21/000", Describe(cvc.Subject));
            });
        yield return new("SF5", "Surface", "EF 0005: FF40 { DF41 My Number PNG 72×12, DF42 card key, DF43 signature over DF41‖DF42 } (照合番号A)", "READ EF 0005", "as stated", Soltia,
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.Verify(0x0013, s.Persona.VerificationNumberA);
                var value = TlvNode.ParseOne(await s.ReadObject(0x0005)).Value;
                var nodes = TlvNode.ParseAll(value);
                Assert.StartsWith("89504E47", Hex.Of(nodes[0].Value), StringComparison.Ordinal);
                Assert.Equal(72, BinaryPrimitives.ReadInt32BigEndian(nodes[0].Value.AsSpan(16)));
                Assert.Equal(12, BinaryPrimitives.ReadInt32BigEndian(nodes[0].Value.AsSpan(20)));
                var issuer = Verifier.ParseCvc(await s.ReadObject(0x0004)).SubjectKey;
                Assert.True(Verifier.VerifyMessage(issuer, [.. nodes[0].Encoded(value), .. nodes[1].Encoded(value)], nodes[2].Value));
            });
        yield return new("SF6", "Surface", "EF 0006: sixteen FF", "READ EF 0006", "FF × 16", Soltia,
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                Assert.Equal(new string('F', 32), Hex.Of(await s.ReadPhysical(0x0006)));
            });
        yield return new("SF7", "Surface", "80 2A 00 00 signs with the card key with no credential; the same key is in DF12, DF24 and DF42", "80 2A 00 00 33 <DigestInfo> 00", "256 bytes 9000, verifies with DF24", $"{Soltia} ap/surface.rs sign, tests/signatures.rs; PocketSign docs",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                var signature = await Challenge(s, out var digestInfo);
                await s.Verify(0x0013, s.Persona.VerificationNumberA);
                var face = await s.ReadObject(0x0002);
                var df24 = TlvNode.ParseAll(TlvNode.ParseOne(face).Value).Single(n => n.Tag == 0xDF24).Value;
                var df42 = TlvNode.ParseAll(TlvNode.ParseOne(await s.ReadObject(0x0005)).Value)[1].Value;
                Assert.Equal(Hex.Of(df24), Hex.Of(df42));
                Assert.Equal(Hex.Of(digestInfo), Hex.Of(Verifier.RecoverPkcs1(Verifier.PublicKeyFromField(df24), signature)));
            });
        yield return new("SF8", "Surface", "The stricter rule (a credential before 80 2A 00 00) is an option, not a real card", "80 2A 00 00 … before VERIFY", "[U] — real cards sign (SF7)", "(option)",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.Expect("802A000033" + Hex.Of([.. Sha256Prefix, .. new byte[32]]) + "00", "6982");
            }) { Profile = CardProfile.StrictChallenge, Virtual = "6982 with the strict-challenge profile" };
    }

    /// <summary>The smartphone persona (スマホ用電子証明書): what jpki/myna establishes, and the [U] values the virtual phone chooses.</summary>
    private static IEnumerable<FidelityRow> Phone()
    {
        yield return new("PH1", "Phone", "A phone answers as the JPKI applet; EF 0006 label JPKIAPGPSETOKEN (a card: JPKIAPICCTOKEN2)", "SELECT JPKI; READ EF 0006", "JPKIAPGPSETOKEN", $"{Myna}; integration reference",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                Assert.Equal("JPKIAPGPSETOKEN".PadRight(32), Encoding.ASCII.GetString((await s.ReadPhysical(0x0006))[..32]));
            }) { Persona = "phone" };
        yield return new("PH2", "Phone", "The user-authentication certificate (EF 000A) is readable only after VERIFY of the auth PIN (EF 0018)", "00 20 00 80 04 PIN; READ EF 000A", "DER after the PIN", Myna,
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                await s.Verify(0x0018, s.Persona.AuthPin!);
                var certificate = await s.ReadObject(0x000A);
                Assert.Equal(0x30, certificate[0]);
            }) { Persona = "phone" };
        yield return new("PH3", "Phone", "The status word of a READ of EF 000A before the auth PIN", "00 B0 00 00 04 (EF 000A)", "[U]", $"{Myna} (that it is refused; not the SW)",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                await s.SelectEf(0x000A);
                await s.Expect("00B0000004", "6982");
            }) { Persona = "phone", Virtual = "6982 (security status not satisfied, as the card's PIN-gated EFs)" };
        yield return new("PH4", "Phone", "No card-face, text, 住基 or common AP on a phone: the status word of their SELECT", "00 A4 04 0C 0A D3921000310001010402", "[U]", $"{Myna} (no card-face or text AP; not the SW)",
            async s =>
            {
                await s.Expect($"00A4040C0A{FidelityScript.Surface}", "6A82");
                await s.Expect($"00A4040C0A{FidelityScript.Text}", "6A82");
            }) { Persona = "phone", Virtual = "6A82 (file not found)" };
        yield return new("PH5", "Phone", "RF identity: ISO 14443-4 Type A, ATQA 00 04, SAK 20, random UID 08…, ATS 05 78 80 70 02 (PC/SC pseudo-ATR 3B 80 80 01 01)", "(ATR)", "[U]", "an iPhone in card emulation on a PN532 (public driver log), nfcpy default RATS_RES; not a JPKI phone",
            async s =>
            {
                Assert.Equal("3B80800101", Hex.Of(s.Atr));
                Assert.Equal("0004", Hex.Of(s.Card.Atqa));
                Assert.Equal(0x20, s.Card.Sak);
                Assert.Equal("0578807002", Hex.Of(s.Card.Ats));
                Assert.Equal(0x08, s.Card.Uid[0]);
                await s.SelectAid(FidelityScript.Jpki);
            }) { Persona = "phone", Virtual = "same values; 3B80800101" };
        yield return new("PH6", "Phone", "The auth key signs after the auth PIN with 80 2A 00 80 (DigestInfo, PKCS#1 v1.5) as on the card", "80 2A 00 80 33 DigestInfo 00", "[U]", $"{Myna}, {OpenSc} (card); phone unconfirmed",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                await s.Verify(0x0018, s.Persona.AuthPin!);
                await s.SelectEf(0x0017);
                byte[] digestInfo = [.. Sha256Prefix, .. System.Security.Cryptography.SHA256.HashData("nonce"u8)];
                Assert.Equal(256, (await s.Expect([0x80, 0x2A, 0x00, 0x80, (byte)digestInfo.Length, .. digestInfo, 0x00], "9000")).Length);
            }) { Persona = "phone", Virtual = "256-byte signature 9000" };
    }

    private static IEnumerable<FidelityRow> JpkiAp()
    {
        yield return new("JP1", "JPKI", "EF 0006 token info: 160 bytes, label JPKIAPICCTOKEN2, manufacturer 0…01, model E16R01NJ, flags 040D, PIN 16/6, versions \"03\"/\"01\"", "READ EF 0006", "as stated", $"{Soltia} ap/jpki.rs; {Myna}",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                var token = await s.ReadPhysical(0x0006);
                Assert.Equal(160, token.Length);
                Assert.Equal("JPKIAPICCTOKEN2".PadRight(32), Encoding.ASCII.GetString(token, 0, 32));
                Assert.Equal(new string('0', 31) + "1", Encoding.ASCII.GetString(token, 32, 32));
                Assert.Equal("E16R01NJ".PadRight(16), Encoding.ASCII.GetString(token, 64, 16));
                Assert.Equal("0000040D" + "00000001" + "00000000" + "00000001" + "00000000" + "00000010" + "00000006", Hex.Of(token.AsSpan(96, 28)));
                Assert.Equal("0301", Encoding.ASCII.GetString(token, 140, 4));
            });
        yield return new("JP2", "JPKI", "Older cards: label JPKIAPICCTOKEN", "READ EF 0006", "JPKIAPICCTOKEN", $"{Myna} jpki.rs tests",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                Assert.Equal("JPKIAPICCTOKEN".PadRight(32), Encoding.ASCII.GetString((await s.ReadPhysical(0x0006))[..32]));
            }) { Persona = "older-card" };
        yield return new("JP3", "JPKI", "EF 0008: sign-certificate byte, auth-certificate byte, 00 — 8F 8F 00 on a card with both; no filler", "READ EF 0008", "8F 8F 00", $"{Soltia} ap/jpki.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                Assert.Equal("8F8F00", Hex.Of(await s.ReadPhysical(0x0008)));
            });
        yield return new("JP4", "JPKI", "EF 000A auth certificate without a PIN; its 4-byte DER header gives the length (OpenSC's rule)", "00 B0 00 00 04; READ", "DER 9000", $"{OpenSc}, {Myna}, tex2e",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                await s.SelectEf(0x000A);
                var header = await s.Expect("00B0000004", "9000");
                var der = await s.ReadObject(0x000A);
                Assert.Equal((header[2] << 8) + header[3] + 4, der.Length);
                Assert.Contains("JPKI for user authentication", new X509CertificateParser().ReadCertificate(der).IssuerDN.ToString(), StringComparison.Ordinal);
            });
        yield return new("JP5", "JPKI", "EF 000B auth CA readable without a PIN, issuer of EF 000A", "READ EF 000B", "DER 9000", $"{Myna}, {Soltia} tests/text_records.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                var ca = new X509CertificateParser().ReadCertificate(await s.ReadObject(0x000B));
                new X509CertificateParser().ReadCertificate(await s.ReadObject(0x000A)).Verify(ca.GetPublicKey());
            });
        yield return new("JP6", "JPKI", "EF 0001 sign certificate needs the sign password; EF 0002 sign CA does not", "READ EF 0001 / 0002", "6982 → 9000 after 001B; 9000", $"{Myna}, {OpenSc}, {Soltia}",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                await s.SelectEf(0x0001);
                await s.Expect("00B0000004", "6982");
                await s.SelectEf(0x0002);
                await s.Expect("00B0000004", "9000");
                await s.Verify(0x001B, s.Persona.SignPassword!);
                await s.SelectEf(0x0001);
                await s.Expect("00B0000004", "9000");
            });
        yield return new("JP7", "JPKI", "EF 0009 stays unreadable with every cardholder credential", "READ EF 0009 (after 0018 and 001B)", "[U] status word (unreadable: soltia48)", $"{Soltia} ap/jpki.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                await s.Verify(0x0018, s.Persona.AuthPin!);
                await s.Verify(0x001B, s.Persona.SignPassword!);
                await s.SelectEf(0x0009);
                await s.Expect("00B0000004", "6982");
            }) { Virtual = "6982" };
        yield return new("JP8", "JPKI", "EF 0016 (terminal-CA key for SET PUBLIC IC KEY) exists", "00 A4 02 0C 02 0016", "9000", $"{Soltia} ap/jpki.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                await s.SelectEf(0x0016);
            });
        yield return new("JP9", "JPKI", "80 2A schemes P1 00–05 with P2 = 97 (auth key by SFI) verify against EF 000A; P1 06 is refused", "80 2A 0x 97 …", "256 bytes 9000; 6A86", $"{Soltia} ap/jpki.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                var key = new X509CertificateParser().ReadCertificate(await s.ReadObject(0x000A)).GetPublicKey();
                await s.Verify(0x0018, s.Persona.AuthPin!);
                var message = "fidelity"u8.ToArray();
                var hash = SHA256.HashData(message);
                foreach (byte p1 in new byte[] { 0, 1, 2, 3, 4, 5 })
                {
                    byte[] input = p1 switch { 0 => [.. Sha256Prefix, .. hash], 2 or 4 => hash, _ => message };
                    var signature = await s.Expect([0x80, 0x2A, p1, 0x97, (byte)input.Length, .. input, 0x00], "9000");
                    Assert.Equal(256, signature.Length);
                    if (p1 is 0 or 2 or 3)
                    {
                        Assert.True(Verifier.VerifyMessage(key, message, signature));
                    }
                    else if (p1 == 1)
                    {
                        Assert.Equal(Hex.Of(hash), Hex.Of(Verifier.RecoverPkcs1(key, signature)));
                    }
                }

                await s.Expect([0x80, 0x2A, 0x06, 0x97, 0x20, .. hash, 0x00], "6A86");
            });
        yield return new("JP10", "JPKI", "80 2A before the PIN", "80 2A 00 97 …", "[U] status word (the key needs its PIN)", $"{Myna}, {OpenSc}",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                await s.Expect("802A009733" + Hex.Of([.. Sha256Prefix, .. new byte[32]]) + "00", "6982");
            }) { Virtual = "6982" };
        yield return new("JP11", "JPKI", "P2 = 97 and SELECT 0017 + P2 = 80 give byte-identical signatures", "80 2A 00 97 … / 80 2A 00 80 …", "identical", $"{Soltia} ap/jpki.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                await s.Verify(0x0018, s.Persona.AuthPin!);
                var input = Hex.Of([.. Sha256Prefix, .. SHA256.HashData("same"u8.ToArray())]);
                var bySfi = await s.Expect("802A009733" + input + "00", "9000");
                await s.SelectEf(0x0017);
                Assert.Equal(Hex.Of(bySfi), Hex.Of(await s.Expect("802A008033" + input + "00", "9000")));
            });
        yield return new("JP12", "JPKI", "CHANGE REFERENCE DATA 00 24 01 80 after VERIFY replaces the auth PIN", "00 24 01 80 04 <new>", "9000; old PIN then wrong", $"{Myna}, {Soltia}",
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                await s.Verify(0x0018, s.Persona.AuthPin!);
                var fresh = s.Persona.AuthPin == "4321" ? "1234" : "4321";
                await s.Expect("0024018004" + Ascii(fresh), "9000");
                await s.Expect(FidelityScript.VerifyApdu(0x80, fresh), "9000");
            });
    }

    private static IEnumerable<FidelityRow> CommonAndJuki()
    {
        yield return new("CJ1", "Common/住基", "PIN EF 001C in both APs; JICSAP CHANGE KEY 80 32 00 80 after VERIFY", "VERIFY 001C; 80 32 00 80 04 <new>", "9000; 9000", $"{Soltia} ap/common.rs, ap/juki.rs; {Myna}",
            async s =>
            {
                foreach (var (kind, pin) in new[] { (ApplicationKind.Juki, s.Persona.JukiPin!), (ApplicationKind.Common, s.Persona.CommonPin!) })
                {
                    await s.Select(kind);
                    await s.Verify(0x001C, pin);
                    var fresh = pin == "2468" ? "1357" : "2468";
                    await s.Expect("8032008004" + Ascii(fresh), "9000");
                    await s.Expect(FidelityScript.VerifyApdu(0x80, fresh), "9000");
                }
            });
        yield return new("CJ2", "住基", "住基 PIN: 3 tries", "00 20 00 80 (EF 001C)", "63C3", "設定暗証番号記載票 (expydoc 7231231)",
            async s =>
            {
                await s.Select(ApplicationKind.Juki);
                await s.SelectEf(0x001C);
                await s.Expect("00200080", "63C3");
            });
    }

    private static IEnumerable<FidelityRow> NotEstablished()
    {
        yield return new("U1", "MF", "GET DATA 0066 (GlobalPlatform card recognition data): the card holds it, its bytes are not published", "00 CA 00 66 00", "[U] data", Soltia,
            s => s.Expect("00CA006600", "6A88")) { Virtual = "6A88 (not modelled)" };
        yield return new("U2", "Any", "An instruction the card does not know", "00 FF 00 00 00", "[U]", "—",
            s => s.Expect("00FF000000", "6D00")) { Virtual = "6D00" };
        yield return new("U3", "Any", "MANAGE ATTRIBUTES 80 8A: probes reach the issuer-security check for P1 22/24; the status word is not published", "80 8A 22 00", "[U]", Soltia,
            s => s.Expect("808A2200", "6D00")) { Virtual = "6D00 (not modelled)" };
        yield return new("U4", "Any", "SELECT by a prefix of a DF name, and SELECT with P2 00 (FCI)", "00 A4 04 00 02 D392 00", "[U] (JICSAP allows prefixes; FCI content unknown)", Soltia,
            async s =>
            {
                await s.Expect("00A4040002D39200", "6A82");
                await s.Expect("00A404000A" + FidelityScript.Surface, "9000");
            }) { Virtual = "6A82 to a prefix; 9000 without FCI" };
        yield return new("U5", "Any", "READ RECORD(S) from P1 to the last record (P2 05)", "00 B2 01 05 00", "[U] (JICSAP lets a card answer 6A81)", Soltia,
            async s =>
            {
                await s.Select(ApplicationKind.Common);
                await s.SelectEf(0x0001);
                await s.Expect("00B2010500", "6A86");
            }) { Virtual = "6A86" };
        yield return new("U6", "Text", "Two bytes before FF 20 on some cards issued around 2023", "READ EF 0002", "[U] (one third-party note)", "one third-party note",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.Verify(0x0015, s.Persona.VerificationNumberB);
                Assert.StartsWith("FF20", Hex.Of(await s.ReadPhysical(0x0002)), StringComparison.Ordinal);
            }) { Virtual = "not modelled: FF 20 first" };
        yield return new("U7", "Any", "EFs soltia48's read-only probe selects but documents no answer for (surface 0014/0015, common 001E, JPKI 0010)", "00 A4 02 0C 02 …", "[U]", $"{Soltia} examples/fuzz_card.rs",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.Expect("00A4020C020014", "6A82");
                await s.Select(ApplicationKind.Common);
                await s.Expect("00A4020C02001E", "6A82");
            }) { Virtual = "6A82 (not modelled)" };
        yield return new("U8", "Any", "A card that neither declares nor honours extended length: DF41 byte 1, extended APDUs, large GET DATA", "00 B0 00 00 00 01 00; 00 CA 00 F8 00", "[U] (no such card documented)", "—",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                Assert.Equal("01000E01", Hex.Of(TlvNode.ParseAll(TlvNode.ParseOne(await s.ReadObject(0x0005)).Value)[0].Value));
                await s.Expect("00B00000000100", "6700");
                await s.ResetAsync();
                var first = await s.Send("00CA00F800");
                Assert.Equal(0x61, first[^2]);
            }) { Persona = "no-extended-length", Virtual = "DF41 01 00 0E 01; 6700; data + 61xx (GET RESPONSE chain)" };
        yield return new("U9", "Any", "GET CHALLENGE with P1/P2 other than 00 00", "00 84 01 00 08", "[U] (\"must both be zero\")", Soltia,
            s => s.Expect("0084010008", "6A86")) { Virtual = "6A86" };
        yield return new("U10", "Any", "GET RESPONSE with nothing pending", "00 C0 00 00 00", "[U]", "—",
            s => s.Expect("00C0000000", "6986")) { Virtual = "6986" };
        yield return new("U11", "Any", "An ISO instruction under CLA 80 (or 80 2A under CLA 00)", "80 A4 04 0C …; 00 2A 00 00 01 AA", "[U]", "—",
            async s =>
            {
                await s.Expect("80A4040C0A" + FidelityScript.Surface, "6E00");
                await s.Expect("002A000001AA", "6E00");
            }) { Virtual = "6E00" };
        yield return new("U12", "Any", "READ BINARY on a key EF", "00 B0 00 00 01 (surface EF 0012)", "[U] (MF EF 001E answers 6981)", Soltia,
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.SelectEf(0x0012);
                await s.Expect("00B0000001", "6981");
            }) { Virtual = "6981" };
        yield return new("U13", "Any", "INTERNAL AUTHENTICATE naming a non-key EF, or a challenge of 256 bytes", "00 88 00 92 …; 00 88 00 99 00 0100 …", "[U] (\"1 to 255 bytes\")", Soltia,
            async s =>
            {
                await s.Select(ApplicationKind.Common);
                await s.Expect("008800810401020304 00".Replace(" ", string.Empty, StringComparison.Ordinal), "6A88");
                await s.Expect([0x00, 0x88, 0x00, 0x99, 0x00, 0x01, 0x00, .. new byte[256], 0x01, 0x00], "6700");
            }) { Virtual = "6A88; 6700" };
        yield return new("U14", "JPKI", "Face-auth-only card: EF 0008 bytes and the absent sign files", "READ EF 0008; SELECT 0001/001A/001B", "[U] (00 8F 00 is soltia48's example, not a read)", Soltia,
            async s =>
            {
                await s.Select(ApplicationKind.Jpki);
                Assert.Equal("008F00", Hex.Of(await s.ReadPhysical(0x0008)));
                await s.Expect("00A4020C020001", "6A82");
                await s.Expect("00A4020C02001A", "6A82");
                await s.SelectEf(0x0018);
                await s.Expect("00200080", "6984");
            }) { Persona = "face-auth-only", Virtual = "00 8F 00; 6A82; PIN keys not set 6984" };
        yield return new("U15", "住基", "Where the 住民票コード lives: no public source places it in a selectable EF", "00 A4 02 0C 02 0001", "[U]", "総務省 2015 (content only)",
            async s =>
            {
                await s.Select(ApplicationKind.Juki);
                await s.Expect("00A4020C020001", "6A82");
            }) { Virtual = "6A82" };
        yield return new("U16", "Text", "Text AP CVC subject digits (surface: code + 21, observed)", "READ EF 0004", "[U]", "—",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                Assert.Equal(s.Persona.MunicipalityCode + "31/000", Describe(Verifier.ParseCvc(await s.ReadObject(0x0004)).Subject));
            }) { Virtual = "code + 31/000" };
        yield return new("U17", "Text", "Tries of the text AP's 照合番号A/B and the surface 照合番号A / birth-date key (only the surface 照合番号B's 10 is reported)", "00 20 00 80 (text 0014/0015, surface 0013/0011)", "[U]", "Digital Agency page (the surface 照合番号B only)",
            async s =>
            {
                foreach (var (kind, fid) in new[] { (ApplicationKind.Text, (ushort)0x0014), (ApplicationKind.Text, (ushort)0x0015), (ApplicationKind.Surface, (ushort)0x0013), (ApplicationKind.Surface, (ushort)0x0011) })
                {
                    await s.Select(kind);
                    await s.SelectEf(fid);
                    await s.Expect("00200080", "63CA");
                }
            }) { Virtual = "63CA (10)" };
        yield return new("U18", "Any", "How much filler each EF carries, and its byte (FF documented only for text EF 0001)", "READ to the end", "[U]", "—",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                var physical = await s.ReadPhysical(0x0004);
                Assert.Equal(768, physical.Length);
                Assert.All(physical[568..], b => Assert.Equal(0xFF, b));
            }) { Virtual = "FF up to the next multiple of 256 (≥ 1 byte)" };
        yield return new("U19", "Any", "A secure-messaging class byte outside a session on an instruction other than SELECT, READ BINARY and VERIFY", "08 84 00 00 08; 0C 84 00 00 08", "[U] (soltia48 documents SELECT 6882 and READ / VERIFY 69FC only)", $"{Soltia} README",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.Expect("0884000008", "6882");
                await s.Expect("0C84000008", "6882");
            }) { Virtual = "6882" };
        yield return new("U20", "MF", "SET SESSION KEY with no application selected", "80 AE 00 00 00 0100 <256> (after reset)", "[U] (answers are published per application only)", $"{Soltia} ap/*.rs",
            s => s.Expect("80AE0000000100" + Hex.Of(new byte[256].Select((_, i) => (byte)(i == 0 ? 0x01 : 0x5A)).ToArray()), "66F1")) { Virtual = "66F1" };
        yield return new("U21", "券面", "80 2A in the surface and text APs with P1-P2 other than 00 00", "80 2A 01 00 …; 80 2A 00 80 …", "[U] (only 00 00 is published for these APs)", $"{Soltia} ap/surface.rs, ap/text.rs",
            async s =>
            {
                var digestInfo = Hex.Of([.. Sha256Prefix, .. new byte[32]]);
                foreach (var kind in new[] { ApplicationKind.Surface, ApplicationKind.Text })
                {
                    await s.Select(kind);
                    await s.Expect("802A010033" + digestInfo + "00", "6A86");
                    await s.Expect("802A008033" + digestInfo + "00", "6A86");
                }
            }) { Virtual = "6A86" };
        yield return new("U22", "Text", "CHANGE REFERENCE DATA refused: on a 照合番号 key, before the VERIFY of the PIN, a new PIN that is not 4 digits", "00 24 01 80 04 … (EF 0015; EF 0011 before / after VERIFY)", "[U] (the command is published, its refusals are not)", $"{Myna}, {Soltia}",
            async s =>
            {
                await s.Select(ApplicationKind.Text);
                await s.SelectEf(0x0015);
                await s.Expect("0024018004" + Ascii("1234"), "6985");
                await s.SelectEf(0x0011);
                await s.Expect("0024018004" + Ascii("1234"), "6982");
                await s.Expect(FidelityScript.VerifyApdu(0x80, s.Persona.TextPin!), "9000");
                await s.Expect("0024018004" + Ascii("12A4"), "6A80");
                await s.Expect("0024018003" + Ascii("123"), "6A80");
            }) { Virtual = "6985; 6982; 6A80" };
        yield return new("U23", "Surface", "Security state: re-selecting the current application keeps it; a wrong VERIFY of another key keeps it; a wrong VERIFY of the verified key clears it", "VERIFY 0012; SELECT surface; VERIFY 0013 wrong; VERIFY 0012 wrong; READ 0002", "[U] (AC6/AC7 cover reset and another application)", "—",
            async s =>
            {
                await s.Select(ApplicationKind.Surface);
                await s.Verify(0x0012, s.Persona.VerificationNumberB);
                await s.Select(ApplicationKind.Surface);
                await s.SelectEf(0x0002);
                await s.Expect("00B0000004", "9000");
                await s.Verify(0x0013, Wrong(s.Persona.VerificationNumberA), "63C9");
                await s.SelectEf(0x0002);
                await s.Expect("00B0000004", "9000");
                await s.Verify(0x0012, Wrong(s.Persona.VerificationNumberB), "63C9");
                await s.SelectEf(0x0002);
                await s.Expect("00B0000004", "6982");
            }) { Virtual = "kept; kept; cleared (6982)" };
    }

    /// <summary>A value of the same length and form that differs from <paramref name="secret"/> in its last digit.</summary>
    private static string Wrong(string secret) => secret[..^1] + (secret[^1] == '0' ? '1' : '0');
}
