namespace ReaderKit.Protocol;

/// <summary>The method names of ReaderKit RPC v1. They are wire contract: never renamed, only added.</summary>
public static class RpcMethods
{
    /// <summary>First call of every session: version negotiation and authentication.</summary>
    public const string SessionHello = "session.hello";

    /// <summary>Keep-alive and round-trip probe.</summary>
    public const string SessionPing = "session.ping";

    /// <summary>A snapshot of the reader: state, online/offline mode, card present, reader ok, lease holder.</summary>
    public const string ReaderGetStatus = "reader.getStatus";

    /// <summary>Takes (or renews) the reader lease so no other caller can start a tap.</summary>
    public const string ReaderAcquireLease = "reader.acquireLease";

    /// <summary>Gives the reader lease back.</summary>
    public const string ReaderReleaseLease = "reader.releaseLease";

    /// <summary>Starts one tap with 照合番号B and options; answers with the tap id at once.</summary>
    public const string TapStart = "tap.start";

    /// <summary>Cancels a running tap.</summary>
    public const string TapCancel = "tap.cancel";

    /// <summary>The state and, once done, the result of a tap (optionally waiting for it).</summary>
    public const string TapGetResult = "tap.getResult";

    /// <summary>The outage paperwork (self-declaration form or receipt slip) of a finished tap, as PDF bytes.</summary>
    public const string TapPrintForm = "tap.printForm";

    /// <summary>Starts delivery of notifications for topics.</summary>
    public const string EventsSubscribe = "events.subscribe";

    /// <summary>Stops delivery of notifications for topics.</summary>
    public const string EventsUnsubscribe = "events.unsubscribe";

    /// <summary>Pages through journal records (no personal fields).</summary>
    public const string JournalQuery = "journal.query";

    /// <summary>Exports journal records as JSON lines or CSV, one bounded chunk per call.</summary>
    public const string JournalExport = "journal.export";

    /// <summary>Marks journal records reconciled.</summary>
    public const string JournalMarkReconciled = "journal.markReconciled";

    /// <summary>Device identity, versions, reader and camera.</summary>
    public const string DeviceGetInfo = "device.getInfo";

    /// <summary>The trust store in use: anchors, roles, source.</summary>
    public const string TrustGetInfo = "trust.getInfo";

    /// <summary>Client-to-server notification <c>[2, "$/cancel", [{id}]]</c>: cancel an in-flight request.</summary>
    public const string CancelRequest = "$/cancel";

    /// <summary>Every method a v1.0 server answers, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SessionHello, SessionPing, ReaderGetStatus, ReaderAcquireLease, ReaderReleaseLease, TapStart, TapCancel, TapGetResult,
        TapPrintForm, EventsSubscribe, EventsUnsubscribe, JournalQuery, JournalExport, JournalMarkReconciled, DeviceGetInfo, TrustGetInfo,
    ];
}
