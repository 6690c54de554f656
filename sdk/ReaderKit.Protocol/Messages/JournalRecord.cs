using ReaderKit.Contracts;

namespace ReaderKit.Protocol.Messages;

/// <summary>One journal row as served over RPC — never a personal field.</summary>
public sealed record JournalRecord(string Id, long TsMs, VerdictKind Verdict, string Mode)
{
    /// <summary><c>{code, name, message}</c> when not accepted.</summary>
    public RpcError? Error { get; init; }

    /// <summary>True once marked reconciled.</summary>
    public bool Reconciled { get; init; }

    /// <summary>The trust anchor that verified the card, when one did.</summary>
    public string? Anchor { get; init; }

    /// <summary>Keyed hash of the card (never the My Number or a serial in clear).</summary>
    public string? CardKey { get; init; }

    /// <summary>The check lines of the tap (no personal field).</summary>
    public IReadOnlyList<CheckLine> Checks { get; init; } = [];
}
