using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ReaderKit.Nfc;

/// <summary>
/// The PN532 chip layer: frames and commands, once, over any <see cref="IPn532Link"/>. Sends a command, waits for
/// the ACK, reads the answer (NACKing corrupt frames), turns non-zero status codes and error frames into typed
/// exceptions, and aborts the running command with a host ACK on timeout or cancellation. A frame carrying card data
/// (InDataExchange, InCommunicateThru) is written once: a lost ACK is covered by the answer itself, and when neither
/// comes the call ends in <see cref="Pn532OutcomeUnknownException"/> instead of a second copy (see the resend rule in
/// <c>Pn532.Core.cs</c>). Chip-local commands are resent when no ACK comes. Frames built for card data are zeroed after
/// use. One command runs at a time (thread-safe); every call has a deadline.
/// </summary>
public sealed partial class Pn532 : IDisposable, IAsyncDisposable
{
    /// <summary>Most data bytes InDataExchange carries per frame (UM0701 §7.3.8).</summary>
    public const int MaxDataPerFrame = 262;

    private const byte GetFirmwareVersionCode = 0x02;
    private const byte SamConfigurationCode = 0x14;
    private const byte RfConfigurationCode = 0x32;
    private const byte InDataExchangeCode = 0x40;
    private const byte InCommunicateThruCode = 0x42;
    private const byte InDeselectCode = 0x44;
    private const byte InListPassiveTargetCode = 0x4A;
    private const byte InReleaseCode = 0x52;
    private const byte InSelectCode = 0x54;
    private const byte MoreInformation = 0x40;

    private readonly IPn532Link _link;
    private readonly Pn532Options _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _ownsLink;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Pn532(IPn532Link link, Pn532Options? options = null, TimeProvider? timeProvider = null, ILogger? logger = null, bool ownsLink = true)
    {
        ArgumentNullException.ThrowIfNull(link);
        _link = link;
        _options = options ?? new Pn532Options();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _ownsLink = ownsLink;
    }

    /// <summary>The link this chip is reached over.</summary>
    public IPn532Link Link => _link;

    /// <summary>Firmware reported by the last <see cref="InitializeAsync"/>.</summary>
    public Pn532FirmwareVersion? Firmware { get; private set; }

    /// <summary>
    /// Wakes the chip, leaves LowVbat (SAMConfiguration normal mode), checks the firmware (PN532 with Type B) and
    /// bounds every retry counter. Call again to recover after a chip reset.
    /// </summary>
    /// <exception cref="Pn532UnsupportedChipException">Not a PN532, or no ISO 14443 Type B support.</exception>
    /// <exception cref="Pn532TimeoutException">The chip did not answer.</exception>
    public async Task<Pn532FirmwareVersion> InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _link.WakeUpAsync(cancellationToken).ConfigureAwait(false);
        await RunAsync(SamConfigurationCode, [0x01, 0x14, 0x01], 0, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        var fw = await RunAsync(GetFirmwareVersionCode, [], 4, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (fw.Length < 4)
        {
            throw new Pn532ProtocolException($"GetFirmwareVersion answered {fw.Length} bytes, expected 4.");
        }

        var version = new Pn532FirmwareVersion(fw[0], fw[1], fw[2], fw[3]);
        Firmware = version;
        if (!version.IsPn532)
        {
            throw new Pn532UnsupportedChipException(version, "the IC code is not 0x32 (PN532)");
        }

        if (!version.SupportsTypeB)
        {
            throw new Pn532UnsupportedChipException(version, "the firmware does not support ISO/IEC 14443 Type B");
        }

        // Bounded retries everywhere: MxRtyATR, MxRtyPSL, MxRtyPassiveActivation (chip default 0xFF = for ever).
        await RunAsync(RfConfigurationCode, [0x05, 0x02, 0x01, _options.PassiveActivationRetries], 0, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        await RunAsync(RfConfigurationCode, [0x04, _options.CommunicationRetries], 0, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        await RunAsync(RfConfigurationCode, [0x02, 0x00, 0x0B, _options.CommunicateThruTimeoutCode], 0, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        LogInitialized(version);
        return version;
    }

    /// <summary>The InCommunicateThru timeout code of <see cref="Pn532Options.CommunicateThruTimeoutCode"/> (set by <see cref="InitializeAsync"/>).</summary>
    public byte DefaultCommunicateThruTimeoutCode => _options.CommunicateThruTimeoutCode;

    /// <summary>
    /// Smallest RFConfiguration item 2 timeout code (100 µs × 2^(code−1), 0x01…0x10 = 3.28 s) that lasts at least
    /// <paramref name="atLeast"/>; null when even 3.28 s is too short.
    /// </summary>
    public static byte? CommunicateThruTimeoutCode(TimeSpan atLeast)
    {
        for (byte code = 0x01; code <= 0x10; code++)
        {
            if (CommunicateThruTimeout(code) >= atLeast)
            {
                return code;
            }
        }

        return null;
    }

    /// <summary>The time an RFConfiguration item 2 timeout code stands for (0 = none).</summary>
    public static TimeSpan CommunicateThruTimeout(byte code) =>
        code == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(1000L << Math.Min(code - 1, 16));

    /// <summary>
    /// RFConfiguration item 2: how long the chip listens for the card's answer to an InCommunicateThru
    /// (<paramref name="code"/>, see <see cref="CommunicateThruTimeoutCode"/>); ATR_RES timeout left at 0x0B.
    /// </summary>
    public Task SetCommunicateThruTimeoutAsync(byte code, CancellationToken cancellationToken = default) =>
        RunAsync(RfConfigurationCode, [0x02, 0x00, 0x0B, code], 0, _options.CommandTimeout, cancellationToken);

    /// <summary>Switches the RF field on or off (RFConfiguration item 1; off also resets every card in the field).</summary>
    public Task SetRfFieldAsync(bool on, CancellationToken cancellationToken = default) =>
        RunAsync(RfConfigurationCode, [0x01, (byte)(on ? 0x01 : 0x00)], 0, _options.CommandTimeout, cancellationToken);

    /// <summary>
    /// One InListPassiveTarget for a Type B card at 106 kbps (AFI 0x00 = every family). The chip sends REQB and
    /// ATTRIB itself; the attempt count is bounded by <see cref="Pn532Options.PassiveActivationRetries"/>.
    /// </summary>
    /// <returns>The activated card, or null when none answered.</returns>
    public async Task<TypeBTarget?> ListTypeBTargetAsync(CancellationToken cancellationToken = default)
    {
        var answer = await RunAsync(InListPassiveTargetCode, [0x01, 0x03, 0x00], 24, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (answer.Length == 0 || answer[0] == 0)
        {
            return null;
        }

        return TypeBTarget.Parse(answer.AsSpan(1), out _);
    }

    /// <summary>Polls for a Type B card every <paramref name="interval"/> until one is activated or the token fires.</summary>
    public async Task<TypeBTarget> WaitForTypeBTargetAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (true)
        {
            var target = await ListTypeBTargetAsync(cancellationToken).ConfigureAwait(false);
            if (target is not null)
            {
                return target;
            }

            await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Exchanges one ISO-DEP message with an activated target through InDataExchange. Messages over 262 bytes go out
    /// in pieces with MI set in Tg; answers flagged MI are collected until the last piece.
    /// </summary>
    /// <param name="target">Target number (Tg).</param>
    /// <param name="data">Whole message (e.g. a C-APDU).</param>
    /// <param name="expectedResponseLength">Expected answer length (sizes I2C reads); a guess is fine.</param>
    /// <param name="timeout">Deadline of the whole exchange (all chained pieces).</param>
    /// <param name="cancellationToken">Aborts the exchange (the chip gets an ACK abort).</param>
    /// <exception cref="Pn532StatusException">Non-zero status (card removed 0x01/0x2B, RF errors …).</exception>
    /// <exception cref="Pn532TimeoutException">The chip acknowledged the command but no answer came in time.</exception>
    /// <exception cref="Pn532OutcomeUnknownException">Neither the ACK nor the answer came in time: the chip may have passed the message to the card (never re-sent).</exception>
    public Task<byte[]> DataExchangeAsync(byte target, ReadOnlyMemory<byte> data, int expectedResponseLength, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        RunExclusiveAsync(InDataExchangeCode, timeout, cancellationToken, async (exchange, token) =>
        {
            var offset = 0;
            while (data.Length - offset > MaxDataPerFrame)
            {
                var status = await ExecuteCardDataAsync(exchange, InDataExchangeCode, (byte)(target | MoreInformation), data.Slice(offset, MaxDataPerFrame), 1, token).ConfigureAwait(false);
                EnsureStatus(InDataExchangeCode, status);
                offset += MaxDataPerFrame;
            }

            var hint = Math.Min(expectedResponseLength, MaxDataPerFrame) + 1;
            var answer = await ExecuteCardDataAsync(exchange, InDataExchangeCode, target, data[offset..], hint, token).ConfigureAwait(false);
            EnsureStatus(InDataExchangeCode, answer);
            if ((answer[0] & MoreInformation) == 0)
            {
                return answer[1..];
            }

            using var collected = new MemoryStream();
            collected.Write(answer.AsSpan(1));
            while ((answer[0] & MoreInformation) != 0)
            {
                // The next piece of the answer: InDataExchange with Tg alone (never re-sent either: a lost ACK here
                // must not make the chip skip a piece).
                hint = Math.Clamp(expectedResponseLength - (int)collected.Length, 2, MaxDataPerFrame) + 1;
                answer = await ExecuteAsync(exchange, InDataExchangeCode, [target], hint, token).ConfigureAwait(false);
                EnsureStatus(InDataExchangeCode, answer);
                collected.Write(answer.AsSpan(1));
            }

            return collected.ToArray();
        });

    /// <summary>Sends raw bytes to the card with InCommunicateThru (no ISO-DEP framing by the chip).</summary>
    /// <exception cref="Pn532OutcomeUnknownException">Neither the ACK nor the answer came: the chip may have sent the bytes (never re-sent).</exception>
    public Task<byte[]> CommunicateThruAsync(ReadOnlyMemory<byte> data, int expectedResponseLength, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        RunExclusiveAsync(InCommunicateThruCode, timeout, cancellationToken, async (exchange, token) =>
        {
            var parameters = data.ToArray();
            try
            {
                var answer = await ExecuteAsync(exchange, InCommunicateThruCode, parameters, expectedResponseLength + 1, token).ConfigureAwait(false);
                EnsureStatus(InCommunicateThruCode, answer);
                return answer[1..];
            }
            finally
            {
                CryptographicOperations.ZeroMemory(parameters);
            }
        });

    /// <summary>
    /// True when the activated card still answers: a raw R(NACK) with CID 1 (<c>BA 01</c>) through InCommunicateThru,
    /// libnfc's Type B presence check. A timeout or "card gone" status means absent.
    /// </summary>
    public async Task<bool> IsPresentAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await CommunicateThruAsync(new byte[] { 0xBA, 0x01 }, 4, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Pn532StatusException ex) when (ex.Failure is Apdu.CardTransportFailure.Timeout or Apdu.CardTransportFailure.CardRemoved)
        {
            return false;
        }
    }

    /// <summary>Returns once the presence check has failed (the card was taken away), polling every <paramref name="interval"/>.</summary>
    public async Task WaitForRemovalAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (await IsPresentAsync(cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>InRelease: S(DESELECT) and forget the target (0 = all).</summary>
    /// <remarks>
    /// Idempotent: "target released" (0x29) and "no such target" (0x27) leave no active target, which is what was
    /// asked. They are also what a resend of InRelease after a lost ACK answers, so they are not errors here.
    /// </remarks>
    public async Task ReleaseAsync(byte target, CancellationToken cancellationToken = default)
    {
        var answer = await RunAsync(InReleaseCode, new[] { target }, 1, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (answer.Length > 0 && (answer[0] & 0x3F) is 0x29 or 0x27)
        {
            return;
        }

        EnsureStatus(InReleaseCode, answer);
    }

    /// <summary>InDeselect: S(DESELECT) but keep the target known for <see cref="SelectAsync"/> (0 = all).</summary>
    public Task DeselectAsync(byte target, CancellationToken cancellationToken = default) => StatusCommandAsync(InDeselectCode, target, cancellationToken);

    /// <summary>InSelect: re-activate a deselected target.</summary>
    public Task SelectAsync(byte target, CancellationToken cancellationToken = default) => StatusCommandAsync(InSelectCode, target, cancellationToken);

    /// <summary>Runs any PN532 command and returns its answer after the response code (advanced use, diagnostics).</summary>
    /// <remarks>InDataExchange and InCommunicateThru follow the resend rule of the chip layer like every other caller.</remarks>
    public async Task<byte[]> RunAsync(byte command, ReadOnlyMemory<byte> parameters, int expectedResponseLength, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var copy = parameters.ToArray();
        try
        {
            return await RunAsync(command, copy, expectedResponseLength, timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(copy);
        }
    }

    private Task<byte[]> RunAsync(byte command, byte[] parameters, int expectedResponseLength, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunExclusiveAsync(command, timeout, cancellationToken, (exchange, token) => ExecuteAsync(exchange, command, parameters, expectedResponseLength, token));

    public void Dispose()
    {
        _gate.Dispose();
        if (_ownsLink)
        {
            _link.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>One card-data frame <c>Tg data…</c>; the parameter copy is zeroed afterwards (it may hold a secret).</summary>
    private async Task<byte[]> ExecuteCardDataAsync(Exchange exchange, byte command, byte tg, ReadOnlyMemory<byte> data, int expectedResponseLength, CancellationToken token)
    {
        var parameters = new byte[data.Length + 1];
        parameters[0] = tg;
        data.Span.CopyTo(parameters.AsSpan(1));
        try
        {
            return await ExecuteAsync(exchange, command, parameters, expectedResponseLength, token).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters);
        }
    }

    private async Task StatusCommandAsync(byte command, byte target, CancellationToken cancellationToken)
    {
        var answer = await RunAsync(command, new[] { target }, 1, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        EnsureStatus(command, answer);
    }

    private static void EnsureStatus(byte command, byte[] answer)
    {
        if (answer.Length == 0)
        {
            throw new Pn532ProtocolException($"PN532 command 0x{command:X2} answered without a status byte.");
        }

        if ((answer[0] & 0x3F) != 0)
        {
            throw new Pn532StatusException(command, (byte)(answer[0] & 0x3F));
        }
    }
}
