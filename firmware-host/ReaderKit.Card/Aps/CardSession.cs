using System.Security.Cryptography;
using ReaderKit.Apdu;
using ReaderKit.Card.Credentials;
using ReaderKit.Card.Records;
using ReaderKit.Card.Tlv;

namespace ReaderKit.Card.Aps;

/// <summary>
/// The APDU helpers every AP client shares: SELECT, chunked READ BINARY (size learned from the TLV or DER
/// header, leading bytes tolerated), READ RECORD, the retry-safe VERIFY and COMPUTE DIGITAL SIGNATURE.
/// Knows only <see cref="IApduChannel"/>.
/// </summary>
public sealed class CardSession
{
    /// <summary>Largest EF this reader accepts (READ BINARY offsets are 15-bit).</summary>
    public const int MaxFileLength = 0x7FFF;

    /// <summary>Deadline for COMPUTE DIGITAL SIGNATURE (RSA on the card can take over a second; WTX stretches it).</summary>
    public static readonly TimeSpan SignatureTimeout = TimeSpan.FromSeconds(5);

    public CardSession(IApduChannel channel)
    {
        Channel = channel ?? throw new ArgumentNullException(nameof(channel));
    }

    public IApduChannel Channel { get; }

    /// <summary>Number of VERIFY commands carrying a value that this session sent (queries excluded).</summary>
    public int ValueVerifiesSent { get; private set; }

    /// <summary><c>00 A4 04 0C</c> SELECT DF by name.</summary>
    public Task SelectApplicationAsync(ReadOnlyMemory<byte> aid, CancellationToken cancellationToken) =>
        SendOkAsync(new CommandApdu(0x00, 0xA4, 0x04, 0x0C, aid), cancellationToken);

    /// <summary><c>00 A4 02 0C</c> SELECT EF by file id.</summary>
    public Task SelectFileAsync(ushort fileId, CancellationToken cancellationToken) =>
        SendOkAsync(new CommandApdu(0x00, 0xA4, 0x02, 0x0C, new[] { (byte)(fileId >> 8), (byte)fileId }), cancellationToken);

    /// <summary>
    /// What this session (one tap) knows about extended-length READ BINARY. Starts <see cref="ExtendedLengthState.NotDeclared"/>;
    /// <see cref="NoteBasicInfo"/> moves it to <see cref="ExtendedLengthState.Declared"/>, the card's answers to
    /// <see cref="ExtendedLengthState.Confirmed"/> or <see cref="ExtendedLengthState.Refused"/> (kept for the rest of the tap).
    /// </summary>
    public ExtendedLengthState ExtendedLength { get; private set; }

    /// <summary>Extended-length READ BINARYs the card refused or cut and that were read again at Ne 256.</summary>
    public int ExtendedLengthFallbacks { get; private set; }

    /// <summary>
    /// Takes an AP's basic-information record into account: a record that declares extended Lc/Le lets the next large
    /// READ BINARY try an extended Le (if the channel offers one). A refusal already seen in this tap is kept; a record
    /// that declares nothing changes nothing.
    /// </summary>
    public void NoteBasicInfo(ApBasicInfo? info)
    {
        if (info is { DeclaresExtendedLength: true } && ExtendedLength == ExtendedLengthState.NotDeclared)
        {
            ExtendedLength = ExtendedLengthState.Declared;
        }
    }

    /// <summary>
    /// Selects and reads an AP's basic-information record whole (<see cref="ApBasicInfo.TextAp"/>,
    /// <see cref="ApBasicInfo.SurfaceAp"/>) and notes its extended-length declaration (<see cref="NoteBasicInfo"/>).
    /// A malformed record declares nothing; its bytes are returned as read.
    /// </summary>
    public async Task<byte[]> ReadBasicInfoAsync(ushort fileId, (int OuterTag, int InfoTag) layout, CancellationToken cancellationToken)
    {
        var file = await ReadObjectFileAsync(fileId, layout.OuterTag, cancellationToken).ConfigureAwait(false);
        NoteBasicInfo(ApBasicInfo.TryParse(file, layout.OuterTag, layout.InfoTag));
        return file;
    }

    /// <summary>
    /// Selects <paramref name="fileId"/> and reads it whole. The size comes from the header of the object with
    /// <paramref name="outerTag"/> (found by parsing within the first 16 bytes; <c>0x30</c> for DER), read with a short Le;
    /// the rest follows in extended-Le pieces when <see cref="ExtendedLength"/> allows it, else in pieces of 256. Reading
    /// also stops at a short answer or end-of-file status.
    /// </summary>
    public async Task<byte[]> ReadObjectFileAsync(ushort fileId, int outerTag, CancellationToken cancellationToken)
    {
        await SelectFileAsync(fileId, cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var first = await ReadChunkAsync(0, ShortChunk, allowExtended: false, cancellationToken).ConfigureAwait(false);
        buffer.Write(first.Data);
        var expected = ExpectedLength(first.Data, outerTag) ?? throw new CardDataFormatException($"EF {fileId:X4}: no {outerTag:X} header in the first {first.Data.Length} bytes");
        if (expected > MaxFileLength)
        {
            throw new CardDataFormatException($"EF {fileId:X4}: header claims {expected} bytes, more than READ BINARY can address");
        }

        var endOfFile = first.EndOfFile;
        while (!endOfFile && buffer.Length < expected)
        {
            var next = await ReadChunkAsync((int)buffer.Length, (int)(expected - buffer.Length), allowExtended: true, cancellationToken).ConfigureAwait(false);
            buffer.Write(next.Data);
            endOfFile = next.EndOfFile;
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Selects <paramref name="fileId"/> and reads exactly <paramref name="length"/> bytes (fewer at end of file), in
    /// extended-Le pieces when <see cref="ExtendedLength"/> allows it.
    /// </summary>
    public async Task<byte[]> ReadFixedFileAsync(ushort fileId, int length, CancellationToken cancellationToken)
    {
        await SelectFileAsync(fileId, cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        while (buffer.Length < length)
        {
            var next = await ReadChunkAsync((int)buffer.Length, (int)(length - buffer.Length), allowExtended: true, cancellationToken).ConfigureAwait(false);
            buffer.Write(next.Data);
            if (next.EndOfFile)
            {
                break;
            }
        }

        return buffer.ToArray();
    }

    /// <summary><c>00 B2 rr (SFI&lt;&lt;3|4)</c> READ RECORD by short EF id.</summary>
    public async Task<byte[]> ReadRecordAsync(int record, int shortFileId, CancellationToken cancellationToken)
    {
        var command = new CommandApdu(0x00, 0xB2, (byte)record, (byte)((shortFileId << 3) | 0x04), ne: CommandApdu.MaxShortNe);
        var response = await Channel.TransmitAsync(command, null, cancellationToken).ConfigureAwait(false);
        return response.EnsureSuccess(command).Data.ToArray();
    }

    /// <summary>
    /// Presents a credential safely: SELECT the key EF, query the remaining tries with an empty VERIFY, and send the
    /// value only when the card reports a counter above the policy's floor. The value goes out at most once: a link
    /// failure after it left is reported, never retried. The caller's value is never logged and is zeroed in all cases.
    /// </summary>
    /// <returns>
    /// The tries left before the value was sent; null when the card answered the query with <c>9000</c> (already
    /// verified in this session: nothing was sent).
    /// </returns>
    /// <exception cref="CredentialBlockedException">Blocked (<c>63C0</c>/<c>6983</c>/<c>6984</c>); nothing sent. Contracts: CredentialBlocked.</exception>
    /// <exception cref="RetryCounterUnknownException">The query answered no usable counter (e.g. <c>6300</c>); nothing sent. Contracts: RetryCounterUnknown.</exception>
    /// <exception cref="RetryFloorReachedException">At or below the floor; nothing sent. Contracts: RetryFloorReached.</exception>
    /// <exception cref="CredentialRejectedException">Wrong value: one try spent. Contracts: CredentialRejected.</exception>
    /// <exception cref="CredentialOutcomeUnknownException">
    /// The link failed after the value was handed to the transport (any <see cref="CardTransportException"/>): at most
    /// one try may have been spent; re-tap, the next attempt queries the counter again. Contracts: CredentialOutcomeUnknown.
    /// </exception>
    /// <exception cref="CardTransportException">The link failed before the value was sent (SELECT or the query).</exception>
    /// <exception cref="OperationCanceledException">
    /// The caller cancelled. If that happened while the value was in flight, its outcome is unknown as well; the next
    /// attempt re-queries the counter.
    /// </exception>
    public async Task<int?> VerifyAsync(ushort keyFileId, string credential, byte[] value, RetryPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(policy);
        try
        {
            await SelectFileAsync(keyFileId, cancellationToken).ConfigureAwait(false);
            if (await QueryRemainingTriesCoreAsync(credential, cancellationToken).ConfigureAwait(false) is not { } remaining)
            {
                return null;
            }

            if (!policy.Permits(remaining))
            {
                throw new RetryFloorReachedException(credential, remaining, policy.EffectiveFloor);
            }

            var command = new CommandApdu(0x00, ApduInstructions.Verify, 0x00, 0x80, value);
            ValueVerifiesSent++;
            ResponseApdu response;
            try
            {
                response = await Channel.TransmitAsync(command, null, cancellationToken).ConfigureAwait(false);
            }
            catch (CardTransportException ex)
            {
                throw new CredentialOutcomeUnknownException(credential, remaining, ex);
            }

            var sw = response.StatusWord;
            if (sw.IsSuccess)
            {
                return remaining;
            }

            if (sw.IsRetryCounter)
            {
                throw sw.RetryCount == 0 ? new CredentialBlockedException(credential) : new CredentialRejectedException(credential, sw.RetryCount);
            }

            if (IsBlocked(sw))
            {
                throw new CredentialBlockedException(credential);
            }

            throw new CardStatusException(ApduInstructions.Verify, sw);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(value);
        }
    }

    /// <summary>SELECT the key EF and ask how many tries remain without spending one (empty VERIFY).</summary>
    /// <returns>The remaining tries; null when the key is already verified in this session (<c>9000</c>).</returns>
    /// <exception cref="CredentialBlockedException">Blocked.</exception>
    /// <exception cref="RetryCounterUnknownException">No usable counter in the answer.</exception>
    public async Task<int?> QueryRemainingTriesAsync(ushort keyFileId, string credential, CancellationToken cancellationToken)
    {
        await SelectFileAsync(keyFileId, cancellationToken).ConfigureAwait(false);
        return await QueryRemainingTriesCoreAsync(credential, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>80 2A P1 P2 Lc data 00</c> COMPUTE DIGITAL SIGNATURE with a signing-length deadline.</summary>
    public async Task<byte[]> ComputeSignatureAsync(byte p1, byte p2, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var command = new CommandApdu(0x80, 0x2A, p1, p2, data, CommandApdu.MaxShortNe);
        var response = await Channel.TransmitAsync(command, SignatureTimeout, cancellationToken).ConfigureAwait(false);
        return response.EnsureSuccess(command).Data.ToArray();
    }

    private async Task<int?> QueryRemainingTriesCoreAsync(string credential, CancellationToken cancellationToken)
    {
        var query = new CommandApdu(0x00, ApduInstructions.Verify, 0x00, 0x80);
        var answer = await Channel.TransmitAsync(query, null, cancellationToken).ConfigureAwait(false);
        var sw = answer.StatusWord;
        if (sw.IsRetryCounter)
        {
            return sw.RetryCount == 0 ? throw new CredentialBlockedException(credential) : sw.RetryCount;
        }

        if (IsBlocked(sw))
        {
            throw new CredentialBlockedException(credential);
        }

        // 9000: already verified in this session, nothing to send. Anything else (6300 without a count, 6Cxx, 6A88 …)
        // leaves the counter unknown, and without a counter the floor cannot be kept: refuse.
        return sw.IsSuccess ? null : throw new RetryCounterUnknownException(credential, sw);
    }

    private static bool IsBlocked(StatusWord sw) => sw.Value is 0x6983 or 0x6984;

    private int ShortChunk => Math.Min(Channel.MaxResponseDataLength, CommandApdu.MaxShortNe);

    /// <summary>
    /// One READ BINARY of up to <paramref name="remaining"/> bytes at <paramref name="offset"/>. With an extended Le
    /// allowed (the card declared it and has not refused it, the channel offers it, more than 256 bytes remain) it asks for
    /// <c>min(remaining, channel's extended Ne)</c>; a refusal or a cut answer is read again at Ne 256 and remembered.
    /// </summary>
    private async Task<(byte[] Data, bool EndOfFile)> ReadChunkAsync(int offset, int remaining, bool allowExtended, CancellationToken cancellationToken)
    {
        var shortNe = Math.Min(ShortChunk, remaining);
        var extendedNe = Math.Min(Channel.MaxExtendedResponseDataLength, remaining);
        if (!allowExtended || ExtendedLength is not (ExtendedLengthState.Declared or ExtendedLengthState.Confirmed) || extendedNe <= shortNe)
        {
            return await ReadShortAsync(offset, shortNe, cancellationToken).ConfigureAwait(false);
        }

        var command = new CommandApdu(0x00, 0xB0, (byte)(offset >> 8), (byte)offset, ne: extendedNe);
        var response = await Channel.TransmitAsync(command, null, cancellationToken).ConfigureAwait(false);
        var data = response.Data;
        switch (response.StatusWord.Value)
        {
            case 0x9000 when data.Length == extendedNe:
                ExtendedLength = ExtendedLengthState.Confirmed;
                return (data.ToArray(), false);
            case 0x9000 when data.Length > 0 && data.Length < extendedNe:
                // Fewer bytes than asked while the object says more remain: a card that caps (or a 6Cxx the channel
                // answered with a short Le). The bytes are the file's at this offset; the rest goes at Ne 256.
                Refuse();
                return (data.ToArray(), false);
            case 0x6282:
                return (data.ToArray(), true);
            case 0x6B00 when offset > 0:
                return ([], true);
        }

        // Any other answer (6700, 6A86, 6D00, 6F00 …, or 9000 with more bytes than asked) may be the extended encoding's
        // fault: read the same range at Ne 256. Only if that works was it a refusal of extended length; if it fails as
        // well, the failure is the card's answer to the read itself and the state stays as it was.
        var shortRead = await ReadShortAsync(offset, shortNe, cancellationToken).ConfigureAwait(false);
        Refuse();
        return shortRead;
    }

    private void Refuse()
    {
        ExtendedLength = ExtendedLengthState.Refused;
        ExtendedLengthFallbacks++;
    }

    private async Task<(byte[] Data, bool EndOfFile)> ReadShortAsync(int offset, int length, CancellationToken cancellationToken)
    {
        var command = new CommandApdu(0x00, 0xB0, (byte)(offset >> 8), (byte)offset, ne: length);
        var response = await Channel.TransmitAsync(command, null, cancellationToken).ConfigureAwait(false);
        return response.StatusWord.Value switch
        {
            0x9000 => (response.Data.ToArray(), response.Data.Length < length),
            0x6282 => (response.Data.ToArray(), true),
            0x6B00 when offset > 0 => ([], true),
            _ => throw new CardStatusException(0xB0, response.StatusWord),
        };
    }

    private async Task SendOkAsync(CommandApdu command, CancellationToken cancellationToken)
    {
        var response = await Channel.TransmitAsync(command, null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccess(command);
    }

    private static long? ExpectedLength(ReadOnlySpan<byte> head, int outerTag)
    {
        var tag = BerTlvReader.TagBytes(outerTag);
        for (var i = 0; i <= Math.Min(16, head.Length - tag.Length); i++)
        {
            if (head[i..].StartsWith(tag) && BerTlvReader.TryReadHeader(head, i, out var e))
            {
                return (long)e.Start + e.HeaderLength + e.Length;
            }
        }

        return null;
    }
}
