using ReaderKit.Apdu;

namespace ReaderKit.EndToEnd.Tests;

/// <summary>
/// Wraps the production APDU transport and arms a link fault on the emulated chip just before exchange number
/// <see cref="FaultIndex"/> (0-based, counting every exchange the channel makes, GET RESPONSE rounds included), so the
/// fault hits exactly that APDU's PN532 frames. That exchange alone gets the short <paramref name="faultTimeout"/>
/// (a fault that costs a deadline costs little); the others keep the channel's generous one, so a loaded machine does
/// not move the fault. Records each exchange's instruction and whether it carried data — never the data itself.
/// </summary>
internal sealed class FaultAtApduTransport(IApduTransport inner, int faultIndex, Action arm, TimeSpan faultTimeout) : IApduTransport
{
    public int FaultIndex { get; } = faultIndex;

    public List<(byte Ins, bool HasData)> Exchanges { get; } = [];

    /// <summary>The exchange that threw, if any.</summary>
    public int? FailedAt { get; private set; }

    public int MaxResponseLength => inner.MaxResponseLength;

    /// <summary>Forwarded, so the verification reads with extended Le as in production and the faults hit those reads too.</summary>
    public int MaxExtendedResponseLength => inner.MaxExtendedResponseLength;

    /// <summary>Index of the exchange that carries a VERIFY value (<c>00 20 00 80 Lc …</c>), nth occurrence.</summary>
    public int ValueVerifyIndex(int occurrence = 0) =>
        Exchanges.Select((e, i) => (e, i)).Where(x => x.e.Ins == 0x20 && x.e.HasData).Select(x => x.i).ElementAt(occurrence);

    public async Task<byte[]> TransceiveAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var index = Exchanges.Count;
        Exchanges.Add((command.Length > 1 ? command.Span[1] : (byte)0, command.Length > 5));
        if (index == FaultIndex)
        {
            arm();
            timeout = timeout < faultTimeout ? timeout : faultTimeout;
        }

        try
        {
            return await inner.TransceiveAsync(command, timeout, cancellationToken);
        }
        catch
        {
            FailedAt = index;
            throw;
        }
    }
}
