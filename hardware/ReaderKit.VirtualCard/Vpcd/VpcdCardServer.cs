using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace ReaderKit.VirtualCard.Vpcd;

/// <summary>
/// Serves a virtual card to PC/SC software as a virtual ICC ("vicc") of vsmartcard's <c>vpcd</c> IFD handler, either as a
/// TCP client of vpcd (<see cref="RunAsync"/>, vpcd's default: it listens on 35963) or as the server vpcd connects to
/// (<see cref="ListenAsync(TcpListener, CancellationToken)"/>, vpcd configured with <c>DEVICENAME host:port</c> — so only the
/// address given listens, e.g. loopback). Framing: 2-byte big-endian length + payload. One-byte payloads are control messages
/// (00 power off, 01 power on, 02 reset — no answer; 04 get ATR — answered with the contactless pseudo-ATR); anything else is
/// a C-APDU answered with the R-APDU.
/// </summary>
/// <remarks>
/// Card removal: vpcd asks for the ATR to poll presence and treats an empty answer (or a closed connection) as "no card"
/// (vsmartcard's <c>vicc_present</c>: an answer of length ≤ 0 ejects the virtual card). With <see cref="CardPresent"/> false
/// the server answers the ATR request with an empty message and closes the connection on any APDU, so an exchange in flight
/// fails the way a card leaving the field makes a contactless reader's exchange fail. <see cref="RemoveCardAfterApdus"/> does
/// that after a given number of APDUs: removal in the middle of a read. With <see cref="RunAsync"/> (vpcd in server mode) the
/// connection is the card: a removal also closes it and the server does not reconnect until the card is back.
/// </remarks>
public sealed class VpcdCardServer
{
    /// <summary>vpcd's default port for the first slot.</summary>
    public const int DefaultPort = 35963;

    private readonly TimeProvider time;
    private VirtualMyNumberCard card;
    private volatile bool present = true;
    private int apdus;
    private int removeAfter = -1;
    private CancellationTokenSource? connection;

    /// <summary>Serves <paramref name="card"/>.</summary>
    public VpcdCardServer(VirtualMyNumberCard card, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        this.card = card;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// The card in the virtual reader. Replacing it is a card swap: the next power-on/reset and ATR request see the new card
    /// (a PC/SC client reconnects with a reset to pick it up).
    /// </summary>
    public VirtualMyNumberCard Card
    {
        get => Volatile.Read(ref card);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Volatile.Write(ref card, value);
        }
    }

    /// <summary>True while the card is in the virtual reader (default). Setting it false removes the card; true puts it back.</summary>
    public bool CardPresent
    {
        get => present;
        set
        {
            present = value;
            if (value)
            {
                Volatile.Write(ref removeAfter, -1);
            }
            else
            {
                DropConnection();
            }
        }
    }

    /// <summary>
    /// When set, the card is removed (<see cref="CardPresent"/> turns false) once this many further APDUs were answered: the next
    /// APDU gets no answer and the connection closes. Null: never (default).
    /// </summary>
    public int? RemoveCardAfterApdus
    {
        get => Volatile.Read(ref removeAfter) is var n && n >= 0 ? n - Volatile.Read(ref apdus) : null;
        set => Volatile.Write(ref removeAfter, value is { } n ? Volatile.Read(ref apdus) + Math.Max(0, n) : -1);
    }

    /// <summary>How many APDUs (not control messages) the server has answered.</summary>
    public int ApdusAnswered => Volatile.Read(ref apdus);

    /// <summary>Delay between reconnection attempts.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout for one TCP connect attempt.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Raised with a one-line, secret-free description of connection events (for console output).</summary>
    public event Action<string>? Log;

    /// <summary>
    /// Connects to vpcd (vpcd in server mode, <c>DEVICENAME /dev/null:port</c>) and serves the card; reconnects after
    /// disconnects until <paramref name="cancellationToken"/> fires. In this mode the connection is the card: while
    /// <see cref="CardPresent"/> is false the server stays away, and removing the card closes the connection, which vpcd
    /// reports to pcscd as a removal (vsmartcard's <c>vicc_present</c> fails without a connected virtual ICC).
    /// </summary>
    public async Task RunAsync(string host, int port, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (present)
            {
                await ServeOnceAsync(host, port, cancellationToken).ConfigureAwait(false);
                Card.FieldOff();
            }

            try
            {
                await Task.Delay(ReconnectDelay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task ServeOnceAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Volatile.Write(ref connection, session);
        try
        {
            if (!present)
            {
                return;
            }

            using var client = new TcpClient { NoDelay = true };
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(session.Token))
            {
                connectTimeout.CancelAfter(ConnectTimeout);
                await client.ConnectAsync(host, port, connectTimeout.Token).ConfigureAwait(false);
            }

            Log?.Invoke($"vpcd: connected to {host}:{port}");
            await using var stream = client.GetStream();
            await ServeAsync(stream, session.Token).ConfigureAwait(false);
            Log?.Invoke("vpcd: connection closed");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (OperationCanceledException) when (!present)
        {
            Log?.Invoke("vpcd: card removed; connection closed");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            Log?.Invoke($"vpcd: {host}:{port} not reachable ({e.GetType().Name}); retrying");
        }
        finally
        {
            Interlocked.CompareExchange(ref connection, null, session);
        }
    }

    /// <summary>Closes the connection of <see cref="RunAsync"/> (the card leaves the reader).</summary>
    private void DropConnection()
    {
        try
        {
            Volatile.Read(ref connection)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Listens on <paramref name="address"/>:<paramref name="port"/> for vpcd (see <see cref="ListenAsync(TcpListener, CancellationToken)"/>).</summary>
    public async Task ListenAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        var listener = new TcpListener(address, port);
        listener.Start(1);
        try
        {
            await ListenAsync(listener, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>
    /// Accepts vpcd's connections on a started <paramref name="listener"/> (one at a time) and serves each until vpcd closes it;
    /// returns when <paramref name="cancellationToken"/> fires. The caller owns (and stops) the listener.
    /// </summary>
    public async Task ListenAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listener);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
                client.NoDelay = true;
                Log?.Invoke($"vpcd: connected from {client.Client.RemoteEndPoint}");
                await using var stream = client.GetStream();
                await ServeAsync(stream, cancellationToken).ConfigureAwait(false);
                Log?.Invoke("vpcd: connection closed by vpcd");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                Log?.Invoke($"vpcd: connection failed ({e.GetType().Name}); waiting for vpcd again");
            }

            Card.FieldOff();
        }
    }

    /// <summary>Serves one vpcd connection until the peer closes it (returns) or the token fires.</summary>
    /// <exception cref="IOException">The stream failed or a message was truncated.</exception>
    public async Task ServeAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[2];
        while (true)
        {
            if (!await ReadExactAsync(stream, header, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(header);
            var payload = new byte[length];
            if (!await ReadExactAsync(stream, payload, cancellationToken).ConfigureAwait(false))
            {
                throw new IOException("vpcd closed the connection in the middle of a message.");
            }

            if (payload.Length > 1 && !TakeApdu())
            {
                Log?.Invoke("vpcd: card removed; closing the connection without an answer");
                return;
            }

            var answer = Handle(payload);
            if (answer is not null)
            {
                var message = new byte[2 + answer.Length];
                BinaryPrimitives.WriteUInt16BigEndian(message, (ushort)answer.Length);
                answer.CopyTo(message, 2);
                await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            System.Security.Cryptography.CryptographicOperations.ZeroMemory(payload);
        }
    }

    /// <summary>The answer to one vpcd message, or null for control messages that get none.</summary>
    public byte[]? Handle(ReadOnlySpan<byte> payload)
    {
        var card = Card;
        if (payload.Length == 1)
        {
            switch (payload[0])
            {
                case 0x00: // power off
                case 0x01: // power on
                case 0x02: // reset
                    card.FieldOff();
                    return null;
                case 0x04: // get ATR (vpcd's presence poll): an empty answer says "no card"
                    return present ? card.PseudoAtr : [];
                default:
                    return null;
            }
        }

        return payload.IsEmpty ? null : card.ProcessApdu(payload);
    }

    /// <summary>Counts an APDU about to be answered; false (and the card removed) when the card is gone or its removal is due.</summary>
    private bool TakeApdu()
    {
        if (!present)
        {
            return false;
        }

        var limit = Volatile.Read(ref removeAfter);
        if (limit >= 0 && Volatile.Read(ref apdus) >= limit)
        {
            present = false;
            Card.FieldOff();
            return false;
        }

        Interlocked.Increment(ref apdus);
        return true;
    }

    private static async Task<bool> ReadExactAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return read == 0 && buffer.Length > 0 ? false : throw new IOException("Truncated vpcd message.");
            }

            read += n;
        }

        return true;
    }
}
