using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ReaderKit.Protocol;

namespace ReaderKit.Rpc.Security;

/// <summary>
/// The device's TLS identity: an ECDSA P-256 key and a self-signed certificate, generated once and kept as
/// <c>device.pfx</c> (mode 0600, in a 0700 directory). Clients pin its SHA-256 fingerprint at pairing; there is no CA,
/// no hostname check and no expiry to manage (the certificate is valid for 30 years; replacing it means re-pairing).
/// </summary>
public sealed class DeviceIdentity : IDisposable
{
    /// <summary>The file name inside the state directory.</summary>
    public const string FileName = "device.pfx";

    private DeviceIdentity(X509Certificate2 certificate)
    {
        Certificate = certificate;
        Fingerprint = CertificateFingerprint.Format(CertificateFingerprint.Compute(certificate.RawData));
    }

    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>SHA-256 of the certificate, 64 lower-case hex digits: what clients pin.</summary>
    public string Fingerprint { get; }

    /// <summary>Loads <c>device.pfx</c> from <paramref name="stateDirectory"/>, creating the directory and the identity on first use.</summary>
    public static DeviceIdentity LoadOrCreate(string stateDirectory, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        StateDirectory.Ensure(stateDirectory);
        var path = Path.Combine(stateDirectory, FileName);
        if (!File.Exists(path))
        {
            var created = Create((time ?? TimeProvider.System).GetUtcNow());
            StateDirectory.WriteSecretFile(path, created);
            CryptographicOperations.ZeroMemory(created);
        }

        return new DeviceIdentity(X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.EphemeralKeySet));
    }

    /// <summary>A new identity in PKCS#12 form (no password: the file mode protects it).</summary>
    internal static byte[] Create(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var request = new CertificateRequest($"CN=ReaderKit device {id}, O=ReaderKit", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(30));
        return certificate.Export(X509ContentType.Pkcs12);
    }

    public void Dispose() => Certificate.Dispose();
}
