namespace ReaderKit.Protocol.Messages;

/// <summary><c>device.getInfo</c> result.</summary>
public sealed record DeviceInfo(string DeviceId, string Model, string ServerVersion)
{
    /// <summary>The link the PN532 is on (i2c, spi, hsu) and its firmware.</summary>
    public string? ReaderLink { get; init; }

    public string? ReaderFirmware { get; init; }

    public bool CameraPresent { get; init; }

    /// <summary>The TLS certificate's SHA-256 fingerprint (what clients pin).</summary>
    public string? CertificateFingerprint { get; init; }

    public long UptimeMs { get; init; }
}
