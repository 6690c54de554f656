using System.CommandLine;
using System.Text.Json;
using ReaderKit.Card.Tlv;
using ReaderKit.Trust.Tests.Fixtures;

namespace ReaderKit.Cli.Tests;

/// <summary>Runs the verify-dump verb in-process with temp files: the shared report and exit codes (4 for a failed check).</summary>
public sealed class VerifyDumpCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("verify-dump").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliCommands.RunAsync(["verify-dump", .. args], new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private string[] AllArgs(TestCard card)
    {
        File.WriteAllText(Path.Combine(_dir, "trust.json"), card.TrustJson());
        return
        [
            "--trust", Path.Combine(_dir, "trust.json"), "--allow-test-anchors",
            "--surface-face", Write("face.bin", card.CardFace),
            "--surface-cvc", Write("scvc.bin", card.SurfaceCvc),
            "--text-attributes", Write("attr.bin", card.TextAttributes),
            "--text-integrity", Write("integ.bin", card.TextIntegrity),
            "--text-cvc", Write("tcvc.bin", card.TextCvc),
            "--at", "2026-11-27",
        ];
    }

    [Fact]
    public async Task Genuine_dumps_pass_with_exit_0()
    {
        var card = TestCard.Create();
        var (exit, output, _) = await Run(AllArgs(card));
        Assert.Equal(0, exit);
        Assert.Contains("PASS surface.cvc:", output, StringComparison.Ordinal);
        Assert.Contains("PASS surface.card-face-signature:", output, StringComparison.Ordinal);
        Assert.Contains("PASS text.integrity-signature:", output, StringComparison.Ordinal);
        Assert.Contains("PASS text.attributes-digest:", output, StringComparison.Ordinal);
        Assert.Contains("SKIP surface.card-presence:", output, StringComparison.Ordinal);
        Assert.Contains("SKIP text.my-number-digest:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tampered_photo_is_not_genuine_with_exit_4()
    {
        var card = TestCard.Create();
        card.CardFace = Flip(card.CardFace, 0xFF20, 0xDF27, 50);
        var (exit, output, _) = await Run(AllArgs(card));
        Assert.Equal(4, exit);
        Assert.Contains("FAIL surface.card-face-signature: DF28 does not cover this data: group 3 (DF27 photo)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_test_trust_file_the_card_fails_closed()
    {
        var card = TestCard.Create();
        var (exit, output, _) = await Run("--surface-face", Write("f.bin", card.CardFace), "--surface-cvc", Write("c.bin", card.SurfaceCvc));
        Assert.Equal(4, exit);
        Assert.Contains("FAIL surface.cvc: unknown issuer key id 6990023/001", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_trust_file_without_the_opt_in_fails_closed()
    {
        var card = TestCard.Create();
        var args = AllArgs(card).Where(a => a != "--allow-test-anchors").ToArray();
        var (exit, output, _) = await Run(args);
        Assert.Equal(4, exit);
        Assert.Contains("FAIL surface.cvc: issuer key 6990023/001 (role surface-ap, from file", output, StringComparison.Ordinal);
        Assert.Contains("refused without AllowTestAnchors", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_report_has_checks_and_card_fields()
    {
        var card = TestCard.Create(new TestCardSpec { Ecdsa = true });
        var (exit, output, _) = await Run([.. AllArgs(card), "--json"]);
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("readerkit.verification/1", root.GetProperty("schema").GetString());
        Assert.Equal("dump", root.GetProperty("source").GetString());
        Assert.True(root.GetProperty("accepted").GetBoolean());
        Assert.Equal("Accepted", root.GetProperty("verdict").GetString());
        Assert.Equal(0, root.GetProperty("error").GetProperty("code").GetInt32());
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        Assert.Contains(checks, c => c.GetProperty("name").GetString() == "surface.card-face-signature" && c.GetProperty("status").GetString() == "PASS");
        Assert.All(checks, c => Assert.False(string.IsNullOrEmpty(c.GetProperty("reason").GetString())));
        Assert.Equal("1980-02-17", root.GetProperty("birthDate").GetString());
        Assert.False(root.GetProperty("expiry").GetProperty("signed").GetBoolean());
    }

    [Fact]
    public async Task Only_a_cvc_is_checked_on_its_own()
    {
        var card = TestCard.Create();
        File.WriteAllText(Path.Combine(_dir, "t.json"), card.TrustJson());
        var (exit, output, _) = await Run("--trust", Path.Combine(_dir, "t.json"), "--allow-test-anchors", "--text-cvc", Write("t.bin", card.TextCvc));
        Assert.Equal(0, exit);
        Assert.Contains("PASS text.cvc:", output, StringComparison.Ordinal);
        Assert.Contains("SKIP text.integrity-signature:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        Assert.Equal(2, (await Run()).Exit);
        Assert.Equal(2, (await Run("--surface-cvc", Path.Combine(_dir, "missing.bin"))).Exit);
        var card = TestCard.Create();
        Assert.Equal(2, (await Run("--surface-cvc", Write("c.bin", card.SurfaceCvc), "--at", "27/11/2026")).Exit);
        File.WriteAllText(Path.Combine(_dir, "bad.json"), "{");
        Assert.Equal(2, (await Run("--surface-cvc", Write("c2.bin", card.SurfaceCvc), "--trust", Path.Combine(_dir, "bad.json"))).Exit);
        File.WriteAllText(Path.Combine(_dir, "old.json"), "{\"cvcIssuerKeys\":[{\"keyId\":\"36393930303233080530303100000000\",\"modulus\":\"00\",\"exponent\":\"010001\"}]}");
        var old = await Run("--surface-cvc", Write("c3.bin", card.SurfaceCvc), "--trust", Path.Combine(_dir, "old.json"));
        Assert.Equal(2, old.Exit);
        Assert.Contains("missing \"role\"", old.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("next-gen", "2026-11-27", 0)]
    [InlineData("expired", "2026-11-27", 4)]
    [InlineData("expired", "2019-01-01", 0)]
    [InlineData("clone", "2026-11-27", 0)] // a clone's dumps are genuine data: only the live challenge can catch it
    public async Task Virtual_card_dumps_with_the_test_pki_trust(string persona, string at, int expected)
    {
        var card = ReaderKit.VirtualCard.VirtualMyNumberCard.Create(ReaderKit.VirtualCard.Personas.PersonaCatalog.Get(persona), VirtualCards.Photos);
        byte[] Ef(ReaderKit.VirtualCard.Files.ApplicationKind ap, ushort fid) => card.Image.ReadFile(ap, fid);
        var surface = ReaderKit.VirtualCard.Files.ApplicationKind.Surface;
        var text = ReaderKit.VirtualCard.Files.ApplicationKind.Text;
        var jpki = ReaderKit.VirtualCard.Files.ApplicationKind.Jpki;
        File.WriteAllText(Path.Combine(_dir, "pki.json"), ReaderKit.VirtualCard.Crypto.TestPki.Default.ExportTrustJson());
        var (exit, output, _) = await Run(
            "--trust", Path.Combine(_dir, "pki.json"), "--allow-test-anchors",
            "--surface-face", Write("sf", Ef(surface, 2)), "--surface-cvc", Write("sc", Ef(surface, 4)),
            "--text-attributes", Write("ta", Ef(text, 2)), "--text-integrity", Write("ti", Ef(text, 3)), "--text-cvc", Write("tc", Ef(text, 4)),
            "--jpki-auth-cert", Write("ja", Ef(jpki, 0x0A)), "--jpki-auth-ca", Write("jc", Ef(jpki, 0x0B)),
            "--at", at);
        Assert.True(expected == exit, output);
        Assert.Contains("PASS surface.card-face-signature", output, StringComparison.Ordinal);
        Assert.Contains("PASS jpki.auth-certificate-path", output, StringComparison.Ordinal);
        Assert.Contains("SKIP surface.card-presence", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_dump_is_a_fail_not_a_crash()
    {
        var (exit, output, _) = await Run("--surface-face", Write("g.bin", [0xFF, 0x20, 0x82, 0xFF]), "--surface-cvc", Write("g2.bin", [1, 2, 3]));
        Assert.Equal(4, exit);
        Assert.Contains("FAIL surface.cvc: malformed", output, StringComparison.Ordinal);
        Assert.Contains("FAIL surface.card-face-signature: malformed card face", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_dump_reports_expired_in_json()
    {
        var card = ReaderKit.VirtualCard.VirtualMyNumberCard.Create(ReaderKit.VirtualCard.Personas.PersonaCatalog.Get("expired"), VirtualCards.Photos);
        var surface = ReaderKit.VirtualCard.Files.ApplicationKind.Surface;
        File.WriteAllText(Path.Combine(_dir, "pki.json"), ReaderKit.VirtualCard.Crypto.TestPki.Default.ExportTrustJson());
        var (exit, output, _) = await Run(
            "--trust", Path.Combine(_dir, "pki.json"), "--allow-test-anchors", "--json", "--at", "2026-11-27",
            "--surface-face", Write("sf", card.Image.ReadFile(surface, 2)), "--surface-cvc", Write("sc", card.Image.ReadFile(surface, 4)));
        Assert.Equal(4, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("Expired", doc.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("Expired", doc.RootElement.GetProperty("error").GetProperty("name").GetString());
        Assert.Equal(1202, doc.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.True(doc.RootElement.GetProperty("genuine").GetBoolean());
        Assert.False(doc.RootElement.GetProperty("validAtVerificationTime").GetBoolean());
    }

    private static byte[] Flip(byte[] file, int outerTag, int childTag, int index)
    {
        var copy = (byte[])file.Clone();
        var outer = BerTlvReader.FindOuter(copy, outerTag);
        var child = BerTlvReader.ReadChildren(copy, outer, allowFiller: true).Single(c => c.Tag == childTag);
        copy[child.ValueStart + index] ^= 0x01;
        return copy;
    }
}
