using ReaderKit.Apdu;

namespace ReaderKit.Trust.Tests.Fixtures;

/// <summary>Wraps a channel and records every command (to count the VERIFYs the card received).</summary>
internal sealed class CountingChannel(IApduChannel inner) : IApduChannel
{
    public List<CommandApdu> Sent { get; } = [];

    public int MaxResponseDataLength => inner.MaxResponseDataLength;

    public int VerifyValues => Sent.Count(c => c.Ins == 0x20 && !c.Data.IsEmpty);

    public int VerifyQueries => Sent.Count(c => c.Ins == 0x20 && c.Data.IsEmpty);

    public Task<ResponseApdu> TransmitAsync(CommandApdu command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        Sent.Add(command);
        return inner.TransmitAsync(command, timeout, cancellationToken);
    }
}
