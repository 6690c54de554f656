using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;

namespace ReaderKit.Protocol.Framing;

/// <summary>
/// Reads whole MessagePack objects (unframed MessagePack-RPC messages) from a stream with a cap on the bytes of any
/// incomplete message and on container nesting. The receive buffer is zeroed behind every message once the caller
/// asks for the next one (and on dispose), so a request that carried 照合番号B does not linger in it — best effort:
/// the operating system's socket buffers and TLS records are outside this class's reach.
/// </summary>
/// <remarks>Not thread-safe: one reader loop per stream.</remarks>
public sealed class MessageStreamReader : IDisposable
{
    private const int InitialSize = 4096;
    private readonly Stream _stream;
    private readonly int _maxMessageBytes;
    private readonly MessageScanner _scanner;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _returned;
    private bool _disposed;

    /// <param name="stream">The connection's stream.</param>
    /// <param name="maxMessageBytes">Largest message accepted; a longer one (complete or not) throws <see cref="FramingException"/>.</param>
    /// <param name="maxDepth">Deepest container nesting accepted.</param>
    public MessageStreamReader(Stream stream, int maxMessageBytes = ProtocolLimits.DefaultMaxMessageBytes, int maxDepth = ProtocolLimits.DefaultMaxDepth)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _maxMessageBytes = maxMessageBytes;
        _scanner = new MessageScanner(maxMessageBytes, maxDepth);
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialSize, maxMessageBytes + 1));
    }

    /// <summary>Bytes received in total.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>
    /// The next complete message. The memory stays valid until the next call (then it is zeroed). Returns null when the
    /// peer closed the stream cleanly between two messages.
    /// </summary>
    /// <exception cref="FramingException">Too large, too deep, invalid format byte, or the stream ended mid-message.</exception>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ReleaseReturned();
        while (true)
        {
            if (_end > _start)
            {
                var length = _scanner.Scan(_buffer.AsSpan(_start, _end - _start));
                if (length > 0)
                {
                    _scanner.Reset();
                    _returned = length;
                    return new ReadOnlyMemory<byte>(_buffer, _start, length);
                }

                if (_end - _start > _maxMessageBytes)
                {
                    throw new FramingException(FramingFailure.TooLarge, string.Create(CultureInfo.InvariantCulture, $"Inbound message exceeds {_maxMessageBytes} bytes."));
                }
            }

            MakeRoom();
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (_end > _start)
                {
                    throw new FramingException(FramingFailure.Truncated, "The stream ended in the middle of a message.");
                }

                return null;
            }

            _end += read;
            BytesReceived += read;
        }
    }

    /// <summary>Zeroes and returns the buffer.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CryptographicOperations.ZeroMemory(_buffer);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void ReleaseReturned()
    {
        if (_returned == 0)
        {
            return;
        }

        CryptographicOperations.ZeroMemory(_buffer.AsSpan(_start, _returned));
        _start += _returned;
        _returned = 0;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    private void MakeRoom()
    {
        if (_end < _buffer.Length)
        {
            return;
        }

        var pending = _end - _start;
        if (_start > 0 && pending < _buffer.Length / 2)
        {
            // Slide the incomplete message to the front; the vacated tail is zeroed.
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            CryptographicOperations.ZeroMemory(_buffer.AsSpan(pending, _end - pending));
            _start = 0;
            _end = pending;
            return;
        }

        var size = Math.Min(_buffer.Length * 2, _maxMessageBytes + InitialSize);
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(size, pending + 1));
        _buffer.AsSpan(_start, pending).CopyTo(bigger);
        CryptographicOperations.ZeroMemory(_buffer);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
        _start = 0;
        _end = pending;
    }
}
