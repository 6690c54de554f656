using System.Text.Json;
using Org.BouncyCastle.X509;
using ReaderKit.Card;

namespace ReaderKit.Trust;

/// <summary>
/// Reads the trust JSON format (README: "Trust file"). Every entry names its role; an entry without one (the old,
/// role-less format) is refused with a message that says which field to add — guessing a role would re-open the
/// cross-application trust the roles close. Unknown fields are refused too, so a misspelt "role" or "test" cannot pass
/// silently. Messages are one line and never contain key material.
/// </summary>
internal static class TrustFileReader
{
    private static readonly string[] KeyFields = ["keyId", "role", "algorithm", "modulus", "exponent", "publicKey", "test", "comment"];
    private static readonly string[] RootFields = ["role", "certificate", "test", "comment"];

    internal sealed record Contents(IReadOnlyList<IssuerKey> IssuerKeys, IReadOnlyList<JpkiRoot> Roots);

    public static Contents Read(string json, string sourceName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new TrustStoreFormatException($"{sourceName}: not valid JSON ({OneLine(ex.Message)})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new TrustStoreFormatException($"{sourceName}: the top level must be an object with cvcIssuerKeys and/or jpkiRoots");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("cvcIssuerKeys" or "jpkiRoots" or "comment"))
                {
                    throw new TrustStoreFormatException($"{sourceName}: unknown field \"{property.Name}\" (expected cvcIssuerKeys, jpkiRoots, comment)");
                }
            }

            var keys = new List<IssuerKey>();
            if (root.TryGetProperty("cvcIssuerKeys", out var keyArray))
            {
                var index = 0;
                foreach (var entry in Array(keyArray, $"{sourceName}: cvcIssuerKeys"))
                {
                    keys.Add(ParseKey(entry, $"{sourceName} cvcIssuerKeys[{index++}]"));
                }
            }

            var roots = new List<JpkiRoot>();
            if (root.TryGetProperty("jpkiRoots", out var rootArray))
            {
                var index = 0;
                foreach (var entry in Array(rootArray, $"{sourceName}: jpkiRoots"))
                {
                    roots.Add(ParseRoot(entry, $"{sourceName} jpkiRoots[{index++}]"));
                }
            }

            return new Contents(keys, roots);
        }
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : throw new TrustStoreFormatException($"{where} must be an array");

    private static IssuerKey ParseKey(JsonElement entry, string where)
    {
        RequireObject(entry, where, KeyFields);
        var keyId = Hex(entry, "keyId", where);
        if (keyId.Length != CardVerifiableCertificate.KeyIdLength)
        {
            throw new TrustStoreFormatException($"{where}: keyId must be {CardVerifiableCertificate.KeyIdLength} bytes, got {keyId.Length}");
        }

        if (!entry.TryGetProperty("role", out var roleElement))
        {
            throw new TrustStoreFormatException($"{where}: missing \"role\" — trust files now scope every CVC key to one card application: add \"role\": \"surface-ap\", \"text-ap\" or \"mf-chain\"");
        }

        var role = String(roleElement, "role", where) switch
        {
            "surface-ap" => TrustAnchorRole.SurfaceApCvcIssuer,
            "text-ap" => TrustAnchorRole.TextApCvcIssuer,
            "mf-chain" => TrustAnchorRole.MfChain,
            var other => throw new TrustStoreFormatException($"{where}: role \"{other}\" is not a CVC role (surface-ap, text-ap or mf-chain)"),
        };
        var algorithm = entry.TryGetProperty("algorithm", out var a) ? String(a, "algorithm", where) : "rsa";
        CardPublicKey key;
        try
        {
            key = algorithm switch
            {
                "rsa" => RsaCardPublicKey.Create(Hex(entry, "modulus", where), Hex(entry, "exponent", where)),
                "ecdsa-p384" => EcP384CardPublicKey.FromPoint(Hex(entry, "publicKey", where)),
                _ => throw new TrustStoreFormatException($"{where}: unknown algorithm \"{algorithm}\" (rsa or ecdsa-p384)"),
            };
        }
        catch (CardDataFormatException ex)
        {
            throw new TrustStoreFormatException($"{where}: {ex.Message}", ex);
        }

        var test = Test(entry, where) || TrustStore.IsTestKeyId(keyId);
        var anchor = new TrustAnchor(CardVerifiableCertificate.DescribeKeyId(keyId), Convert.ToHexString(keyId), role, TrustAnchorOrigin.File, where, test);
        return new IssuerKey(keyId, key, anchor);
    }

    private static JpkiRoot ParseRoot(JsonElement entry, string where)
    {
        if (entry.ValueKind == JsonValueKind.String)
        {
            throw new TrustStoreFormatException($"{where}: a bare certificate string is the old format — write {{\"role\": \"jpki-auth\" or \"jpki-sign\", \"certificate\": \"<base64 DER>\"}}");
        }

        RequireObject(entry, where, RootFields);
        if (!entry.TryGetProperty("role", out var roleElement))
        {
            throw new TrustStoreFormatException($"{where}: missing \"role\" — add \"role\": \"jpki-auth\" or \"jpki-sign\"");
        }

        var role = String(roleElement, "role", where) switch
        {
            "jpki-auth" => TrustAnchorRole.JpkiAuthRoot,
            "jpki-sign" => TrustAnchorRole.JpkiSignRoot,
            var other => throw new TrustStoreFormatException($"{where}: role \"{other}\" is not a JPKI root role (jpki-auth or jpki-sign)"),
        };
        if (!entry.TryGetProperty("certificate", out var certificateElement))
        {
            throw new TrustStoreFormatException($"{where}: missing \"certificate\" (base64 DER)");
        }

        X509Certificate certificate;
        try
        {
            var der = Convert.FromBase64String(String(certificateElement, "certificate", where));
            certificate = new X509CertificateParser().ReadCertificate(der) ?? throw new TrustStoreFormatException($"{where}: no certificate in \"certificate\"");
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or Org.BouncyCastle.Security.Certificates.CertificateException or IOException or ArgumentException)
        {
            throw new TrustStoreFormatException($"{where}: \"certificate\" is not a base64 DER certificate ({OneLine(ex.Message)})", ex);
        }

        return new JpkiRoot(certificate, TrustStore.DescribeRoot(certificate, role, TrustAnchorOrigin.File, where, Test(entry, where)));
    }

    private static void RequireObject(JsonElement entry, string where, string[] allowed)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new TrustStoreFormatException($"{where}: expected an object");
        }

        foreach (var property in entry.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new TrustStoreFormatException($"{where}: unknown field \"{property.Name}\" (expected {string.Join(", ", allowed)})");
            }
        }
    }

    private static bool Test(JsonElement entry, string where)
    {
        if (!entry.TryGetProperty("test", out var test))
        {
            return false;
        }

        return test.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new TrustStoreFormatException($"{where}: \"test\" must be true or false"),
        };
    }

    private static string String(JsonElement value, string name, string where) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new TrustStoreFormatException($"{where}: \"{name}\" must be a string");

    private static byte[] Hex(JsonElement entry, string name, string where)
    {
        if (!entry.TryGetProperty(name, out var value))
        {
            throw new TrustStoreFormatException($"{where}: missing \"{name}\"");
        }

        try
        {
            return Convert.FromHexString(String(value, name, where));
        }
        catch (FormatException ex)
        {
            throw new TrustStoreFormatException($"{where}: \"{name}\" is not hex", ex);
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
