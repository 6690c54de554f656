using System.Globalization;
using System.Security.Cryptography;

namespace ReaderKit.Apdu;

/// <summary>
/// ISO 7816-4 channel over a raw <see cref="IApduTransport"/>: follows 61xx with GET RESPONSE and answers 6Cxx by
/// resending with the Le the card asked for — except for commands that must reach the card at most once
/// (<see cref="CommandApdu.MustNotRepeat"/>: VERIFY, CHANGE REFERENCE DATA, signing, authentication, writes), whose
/// 6Cxx answer is returned as it is. One deadline covers a command and all its GET RESPONSE rounds: each exchange gets
/// the time left, and the channel cancels the transport shortly after the deadline whatever the transport's own floor.
/// Every encoded command buffer is zeroed once the transport is done with it.
/// </summary>
public sealed class ApduChannel : IApduChannel
{
    private const int MaxGetResponseRounds = 256;
    private readonly IApduTransport _transport;
    private readonly TimeProvider _time;

    public ApduChannel(IApduTransport transport, TimeSpan? defaultTimeout = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
        _time = timeProvider ?? TimeProvider.System;
        DefaultTimeout = defaultTimeout ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DefaultTimeout, TimeSpan.Zero, nameof(defaultTimeout));
    }

    public TimeSpan DefaultTimeout { get; }

    public int MaxResponseDataLength => Math.Max(1, _transport.MaxResponseLength - 2);

    /// <inheritdoc/>
    public int MaxExtendedResponseDataLength =>
        _transport.MaxExtendedResponseLength - 2 is var ne && ne > CommandApdu.MaxShortNe ? Math.Min(ne, CommandApdu.MaxExtendedNe) : 0;

    /// <inheritdoc/>
    /// <exception cref="CardTransportException">
    /// <see cref="CardTransportFailure.Timeout"/> when the command and its GET RESPONSE rounds did not finish within
    /// <paramref name="timeout"/> (the transport saw a cancellation and aborted the exchange on the reader), or any
    /// failure the transport reports.
    /// </exception>
    public async Task<ResponseApdu> TransmitAsync(CommandApdu command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var budget = timeout ?? DefaultTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(budget, TimeSpan.Zero, nameof(timeout));
        var started = _time.GetTimestamp();

        // Each exchange is handed the time left, so a transport that keeps its deadlines reports its own typed timeout;
        // the channel's token is the backstop (a fifth later, 50–500 ms) for a transport that does not.
        using var deadline = new CancellationTokenSource(budget + Grace(budget), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var rounds = 0;
        var commandInFlight = true;
        try
        {
            var response = await ExchangeAsync(command, linked.Token).ConfigureAwait(false);
            commandInFlight = false;
            if (response.StatusWord.IsWrongLength && !command.MustNotRepeat)
            {
                var le = response.StatusWord.Sw2 == 0 ? 256 : response.StatusWord.Sw2;
                response = await ExchangeAsync(command.WithNe(le), linked.Token).ConfigureAwait(false);
            }

            if (!response.StatusWord.HasMoreData)
            {
                return response;
            }

            using var collected = new MemoryStream();
            collected.Write(response.Data.Span);
            for (; response.StatusWord.HasMoreData; rounds++)
            {
                if (rounds == MaxGetResponseRounds)
                {
                    throw new CardTransportException(CardTransportFailure.ProtocolError, "The card kept answering 61xx; GET RESPONSE chain abandoned.");
                }

                var le = response.StatusWord.Sw2 == 0 ? 256 : response.StatusWord.Sw2;
                response = await ExchangeAsync(new CommandApdu((byte)(command.Cla & 0x03), 0xC0, 0x00, 0x00, ne: le), linked.Token).ConfigureAwait(false);
                collected.Write(response.Data.Span);
            }

            return new ResponseApdu(collected.ToArray(), response.StatusWord);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // A command that must not repeat was cut off while the card may have been executing it: its outcome is unknown.
            var unknown = commandInFlight && command.MustNotRepeat;
            throw new CardTransportException(
                unknown ? CardTransportFailure.OutcomeUnknown : CardTransportFailure.Timeout,
                string.Create(CultureInfo.InvariantCulture, $"INS {command.Ins:X2}: no complete answer within {budget.TotalMilliseconds:0} ms ({rounds} GET RESPONSE round(s), {_time.GetElapsedTime(started).TotalMilliseconds:0} ms spent){(unknown ? "; the card may have executed it" : "")}."),
                ex);
        }

        static TimeSpan Grace(TimeSpan budget) => TimeSpan.FromTicks(Math.Clamp(budget.Ticks / 5, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromMilliseconds(500).Ticks));

        async Task<ResponseApdu> ExchangeAsync(CommandApdu apdu, CancellationToken token)
        {
            var encoded = apdu.ToArray();
            try
            {
                var remaining = budget - _time.GetElapsedTime(started);
                token.ThrowIfCancellationRequested();
                if (remaining <= TimeSpan.Zero)
                {
                    throw new CardTransportException(
                        CardTransportFailure.Timeout,
                        string.Create(CultureInfo.InvariantCulture, $"INS {command.Ins:X2}: the {budget.TotalMilliseconds:0} ms deadline passed after {rounds} GET RESPONSE round(s)."));
                }

                return ResponseApdu.Parse(await _transport.TransceiveAsync(encoded, remaining, token).ConfigureAwait(false));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(encoded);
            }
        }
    }
}
