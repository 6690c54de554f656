namespace ReaderKit.Protocol;

/// <summary>Capability names a server lists in the <c>session.hello</c> reply; clients switch features on them.</summary>
public static class ServerCapabilities
{
    /// <summary><c>tap.start</c>, <c>tap.cancel</c>, <c>tap.getResult</c>.</summary>
    public const string Tap = "tap";

    /// <summary><c>events.subscribe</c> and the notifications.</summary>
    public const string Events = "events";

    /// <summary><c>reader.acquireLease</c> / <c>reader.releaseLease</c>.</summary>
    public const string Lease = "lease";

    /// <summary><c>journal.query</c>, <c>journal.export</c>, <c>journal.markReconciled</c>.</summary>
    public const string Journal = "journal";

    /// <summary>The client-to-server <c>$/cancel</c> notification for in-flight requests.</summary>
    public const string CancelRequest = "cancel";

    /// <summary>Personal fields (name, address, birth date, sex, photo) can be requested in <c>tap.start</c>.</summary>
    public const string PersonalFields = "personalFields";

    /// <summary><c>tap.printForm</c>: outage paperwork (self-declaration form, receipt slip) as PDF.</summary>
    public const string Paperwork = "paperwork";
}
