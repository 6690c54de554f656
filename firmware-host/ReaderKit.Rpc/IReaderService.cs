using ReaderKit.Protocol.Messages;

namespace ReaderKit.Rpc;

/// <summary>
/// What the RPC server (and the folder exchange) needs from the reader host. The host implements it over its reader
/// loop; tests implement it with a fake. Every member is called from RPC threads, concurrently: implementations must be
/// thread-safe, and the synchronous members must return at once (read a snapshot; never wait on the card).
/// </summary>
/// <remarks>
/// Failures are reported by throwing <see cref="ReaderServiceException"/> with a code from the shared table (for
/// example <c>ReaderBusy</c>, <c>ReaderUnavailable</c>, <c>InvalidInput</c>, <c>JournalUnavailable</c>). Any other
/// exception is answered as <c>InternalError</c> with a generic message and logged on the host — never sent.
/// Not the service's job: sessions, authentication, the lease, rate limits, which client may see personal fields
/// (the server strips fields the caller did not ask for), retention of results for <c>tap.getResult</c>.
/// </remarks>
public interface IReaderService
{
    /// <summary>The reader's current state (snapshot). <see cref="ReaderStatus.LeaseHolder"/> is filled in by the server.</summary>
    ReaderStatus GetStatus();

    /// <summary>Device identity, versions, reader and camera. <see cref="DeviceInfo.CertificateFingerprint"/> is filled in by the server.</summary>
    DeviceInfo GetDeviceInfo();

    /// <summary>The trust store in use.</summary>
    TrustInfo GetTrustInfo();

    /// <summary>
    /// Starts one tap under the id <paramref name="tapId"/> (chosen by the server, unique) and returns as soon as the
    /// reader has accepted it; the tap runs on the reader loop and reports through the event sinks: any number of
    /// <c>TapProgressEvent</c>/<c>FacePromptEvent</c>, then exactly one <c>TapResultEvent</c> with this id, whatever
    /// happens (cancelled, card removed, error). The result's personal fields should hold only
    /// <see cref="TapOptions.Fields"/>.
    /// </summary>
    /// <param name="tapId">The tap's id.</param>
    /// <param name="request">
    /// The request. The server zeroes <see cref="TapStartRequest.NumberB"/> as soon as the returned task completes:
    /// copy it into the card layer's own secret holder before returning (and never log it).
    /// </param>
    /// <param name="cancellationToken">Cancels the start (not the tap once started: see <see cref="CancelTap"/>).</param>
    /// <exception cref="ReaderServiceException"><c>ReaderBusy</c> (a tap is running), <c>ReaderUnavailable</c>, <c>InvalidInput</c>.</exception>
    ValueTask StartTapAsync(string tapId, TapStartRequest request, CancellationToken cancellationToken);

    /// <summary>Asks a running tap to stop (its result will be <c>Cancelled</c> unless it had already finished); false when no such tap is running.</summary>
    bool CancelTap(string tapId);

    /// <summary>
    /// Registers <paramref name="sink"/> for every reader event until the returned handle is disposed. The service calls
    /// <see cref="IReaderEventSink.OnEvent"/> from its own thread; the sink never blocks.
    /// </summary>
    IDisposable Subscribe(IReaderEventSink sink);

    /// <summary>One page of journal records (no personal fields).</summary>
    ValueTask<JournalPage> QueryJournalAsync(JournalQuery query, CancellationToken cancellationToken);

    /// <summary>One chunk of the reconciliation export (at most <see cref="JournalExportRequest.MaxBytes"/> bytes of data).</summary>
    ValueTask<JournalExportChunk> ExportJournalAsync(JournalExportRequest request, CancellationToken cancellationToken);

    /// <summary>Marks records reconciled; returns how many changed.</summary>
    ValueTask<int> MarkReconciledAsync(IReadOnlyList<string> recordIds, CancellationToken cancellationToken);

    /// <summary>
    /// The outage paperwork of the finished tap <see cref="PrintFormRequest.TapId"/>: the A4 self-declaration form or
    /// the receipt slip, as PDF bytes, with the journal record id and the receipt hash its QR code carries. The server
    /// has already checked that the caller started the tap and that it finished.
    /// </summary>
    /// <param name="request">The tap, the kind and the slip width.</param>
    /// <param name="printFields">
    /// The personal fields the form may pre-fill (<see cref="PersonalField"/> names): those the caller asked for in
    /// <c>tap.start</c>. The host prints the intersection with the fields it keeps; the receipt hash covers what the
    /// journal keeps, so it matches <c>journal.export</c> whatever was printed.
    /// </param>
    /// <param name="cancellationToken">Cancels the rendering.</param>
    /// <exception cref="ReaderServiceException">
    /// <c>RecordNotFound</c> (no journal record for the tap), <c>InvalidInput</c> (the tap did not verify: no paperwork
    /// is printed from it), <c>ConfigurationInvalid</c> (no Japanese font), <c>JournalUnavailable</c>. The default
    /// (a service without paperwork) answers <c>ReaderUnavailable</c>.
    /// </exception>
    ValueTask<PrintedForm> PrintFormAsync(PrintFormRequest request, IReadOnlySet<string> printFields, CancellationToken cancellationToken) =>
        ValueTask.FromException<PrintedForm>(new ReaderServiceException(ReaderKit.Contracts.ErrorCode.ReaderUnavailable, "This reader does not print outage paperwork."));
}
