namespace ReaderKit.Sdk;

/// <summary>
/// The TLS server presented a certificate whose SHA-256 fingerprint is not the pinned one: not the paired device (or
/// the device was reset). Never retried automatically.
/// </summary>
public sealed class CertificatePinMismatchException : ReaderKitConnectionException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public CertificatePinMismatchException()
        : this("The server certificate does not match the pinned fingerprint.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public CertificatePinMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public CertificatePinMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The fingerprint the server presented (64 hex digits), for the support log.</summary>
    public string? PresentedFingerprint { get; init; }
}
