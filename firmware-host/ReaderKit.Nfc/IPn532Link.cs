namespace ReaderKit.Nfc;

/// <summary>
/// How bytes move between the host and a PN532 (I2C, SPI or HSU). A link knows nothing about commands:
/// it writes whole frames, waits until the chip is ready and hands back the bytes of the next frame.
/// Implementations take already-opened bus objects and never open hardware themselves.
/// </summary>
public interface IPn532Link : IDisposable
{
    /// <summary>Short description for logs, e.g. "I2C 0x24 @ 400 kHz".</summary>
    string Name { get; }

    /// <summary>Nominal time one byte takes on this link (used for deadlines, never for correctness).</summary>
    TimeSpan ByteTime { get; }

    /// <summary>Wakes the chip from power-down / LowVbat the way this interface needs.</summary>
    Task WakeUpAsync(CancellationToken cancellationToken);

    /// <summary>Writes one complete frame (command, ACK or NACK).</summary>
    /// <exception cref="Pn532LinkException">The bus failed.</exception>
    Task WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken);

    /// <summary>
    /// Waits (until <paramref name="cancellationToken"/> fires) until the chip has a frame for the host and returns
    /// the bytes that carry it. The result may contain leading or trailing filler and may be a truncated or corrupt
    /// frame: the chip layer parses it and asks for a resend when needed.
    /// </summary>
    /// <param name="sizeHint">Expected wire length of the frame; links that must fix the read size up front (I2C) use it.</param>
    /// <param name="cancellationToken">Deadline or caller cancellation.</param>
    /// <exception cref="OperationCanceledException">The token fired before a frame was ready.</exception>
    /// <exception cref="Pn532LinkException">The bus failed.</exception>
    Task<byte[]> ReadFrameAsync(int sizeHint, CancellationToken cancellationToken);

    /// <summary>Drops any bytes already received but not yet consumed (after an abort).</summary>
    void DiscardInput();
}
