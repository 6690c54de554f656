using ReaderKit.Contracts;

namespace ReaderKit.Protocol.Messages;

/// <summary>
/// The result of one tap: <c>{tapId, verdict, error?, checks[], retries[], timingsMs{}, anchor?, face?, fields?, mode,
/// requestId?, startedAtMs, completedAtMs}</c>. Additive: receivers ignore keys they do not know.
/// </summary>
/// <param name="TapId">The tap.</param>
/// <param name="Verdict">The closed verdict (wire: its name, e.g. <c>Accepted</c>).</param>
public sealed record TapResult(string TapId, VerdictKind Verdict)
{
    /// <summary>Why the verdict is not Accepted: <c>{code, name, message}</c> from the shared table; null when accepted.</summary>
    public RpcError? Error { get; init; }

    /// <summary>Every check, <c>{name, status, reason}</c>.</summary>
    public IReadOnlyList<CheckLine> Checks { get; init; } = [];

    /// <summary>Retry counters per credential (never the credential).</summary>
    public IReadOnlyList<Retries> Retries { get; init; } = [];

    /// <summary>Milliseconds per step (<see cref="TapSteps"/> names) and <c>total</c>.</summary>
    public IReadOnlyDictionary<string, long> TimingsMs { get; init; } = new Dictionary<string, long>();

    /// <summary>The trust anchor used (key id and source).</summary>
    public string? Anchor { get; init; }

    /// <summary>The face check, when one ran or was required.</summary>
    public FaceOutcome? Face { get; init; }

    /// <summary>The personal fields the caller asked for; null when none.</summary>
    public PersonalFields? Fields { get; init; }

    /// <summary>online / offline / unknown at the time of the tap.</summary>
    public string Mode { get; init; } = ReaderModes.Unknown;

    /// <summary>
    /// The host's journal record id for this tap (Crockford base32, printed <c>01JH-3K5M-8Q2R-7XZW</c>), what
    /// paperwork and reconciliation refer to; null when nothing was journaled (no card tapped, or the journal failed).
    /// </summary>
    public string? RecordId { get; init; }

    /// <summary>The caller's correlation id from <c>tap.start</c>.</summary>
    public string? RequestId { get; init; }

    /// <summary>When the tap started (Unix ms).</summary>
    public long StartedAtMs { get; init; }

    /// <summary>When the tap ended (Unix ms).</summary>
    public long CompletedAtMs { get; init; }
}
