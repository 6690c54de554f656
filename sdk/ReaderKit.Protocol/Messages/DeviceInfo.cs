namespace ReaderKit.Protocol.Messages;

/// <summary><c>device.getInfo</c> result.</summary>
public sealed record DeviceInfo(string DeviceId, string Model, string ServerVersion)
{
    /// <summary>The link the PN532 is on (i2c, spi, hsu) and its firmware.</summary>
    public string? ReaderLink { get; init; }

    /// <summary>The PN532 firmware version, when known.</summary>
    public string? ReaderFirmware { get; init; }

    /// <summary>True when a camera is configured and answered.</summary>
    public bool CameraPresent { get; init; }

    /// <summary>The TLS certificate's SHA-256 fingerprint (what clients pin).</summary>
    public string? CertificateFingerprint { get; init; }

    /// <summary>Milliseconds since the host started.</summary>
    public long UptimeMs { get; init; }
}
