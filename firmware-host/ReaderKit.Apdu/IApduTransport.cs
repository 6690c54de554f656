namespace ReaderKit.Apdu;

/// <summary>Raw exchange of one encoded APDU with a card (no 61xx/6Cxx handling).</summary>
public interface IApduTransport
{
    /// <summary>Largest response (data + SW) the transport can carry in one exchange.</summary>
    int MaxResponseLength { get; }

    /// <summary>
    /// Largest response (data + SW) to an extended-length command that this transport carries best in one exchange,
    /// or 0 when extended-length commands are not offered (the default).
    /// </summary>
    int MaxExtendedResponseLength => 0;

    Task<byte[]> TransceiveAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken);
}
