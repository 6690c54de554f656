using ReaderKit.Protocol.Messages;

namespace ReaderKit.Protocol.Formatters;

/// <summary>One instance of each formatter, for formatters that nest others.</summary>
internal static class ProtocolFormatters
{
    public static readonly ClientInfoFormatter ClientInfo = new();
    public static readonly ServerLimitsFormatter ServerLimits = new();
    public static readonly RpcErrorFormatter RpcError = new();
    public static readonly NumberBInputFormatter NumberB = new();
    public static readonly TapOptionsFormatter TapOptions = new();
    public static readonly TapResultFormatter TapResult = new();
    public static readonly CheckLineFormatter CheckLine = new();
    public static readonly RetriesFormatter Retries = new();
    public static readonly FaceOutcomeFormatter FaceOutcome = new();
    public static readonly PersonalFieldsFormatter PersonalFields = new();
    public static readonly JournalRecordFormatter JournalRecord = new();
    public static readonly ReaderEventFormatter ReaderEvent = new();

    /// <summary>The formatter for <paramref name="type"/>, or null when it is not a protocol type.</summary>
    public static object? For(Type type) => type switch
    {
        _ when type == typeof(Empty) => new EmptyFormatter(),
        _ when type == typeof(Done) => new DoneFormatter(),
        _ when type == typeof(ClientInfo) => ClientInfo,
        _ when type == typeof(HelloRequest) => new HelloRequestFormatter(),
        _ when type == typeof(ServerLimits) => ServerLimits,
        _ when type == typeof(HelloResult) => new HelloResultFormatter(),
        _ when type == typeof(PingResult) => new PingResultFormatter(),
        _ when type == typeof(ReaderStatus) => new ReaderStatusFormatter(),
        _ when type == typeof(LeaseRequest) => new LeaseRequestFormatter(),
        _ when type == typeof(LeaseGrant) => new LeaseGrantFormatter(),
        _ when type == typeof(LeaseReleaseRequest) => new LeaseReleaseRequestFormatter(),
        _ when type == typeof(SubscribeRequest) => new SubscribeRequestFormatter(),
        _ when type == typeof(SubscribeResult) => new SubscribeResultFormatter(),
        _ when type == typeof(CancelRequestParams) => new CancelRequestParamsFormatter(),
        _ when type == typeof(Protocol.RpcError) => RpcError,
        _ when type == typeof(NumberBInput) => NumberB,
        _ when type == typeof(Messages.TapOptions) => TapOptions,
        _ when type == typeof(TapStartRequest) => new TapStartRequestFormatter(),
        _ when type == typeof(TapStarted) => new TapStartedFormatter(),
        _ when type == typeof(TapRef) => new TapRefFormatter(),
        _ when type == typeof(TapResultRequest) => new TapResultRequestFormatter(),
        _ when type == typeof(TapResultReply) => new TapResultReplyFormatter(),
        _ when type == typeof(Messages.TapResult) => TapResult,
        _ when type == typeof(Contracts.CheckLine) => CheckLine,
        _ when type == typeof(Contracts.Retries) => Retries,
        _ when type == typeof(Messages.FaceOutcome) => FaceOutcome,
        _ when type == typeof(Messages.PersonalFields) => PersonalFields,
        _ when type == typeof(JournalQuery) => new JournalQueryFormatter(),
        _ when type == typeof(Messages.JournalRecord) => JournalRecord,
        _ when type == typeof(JournalPage) => new JournalPageFormatter(),
        _ when type == typeof(JournalExportRequest) => new JournalExportRequestFormatter(),
        _ when type == typeof(JournalExportChunk) => new JournalExportChunkFormatter(),
        _ when type == typeof(MarkReconciledRequest) => new MarkReconciledRequestFormatter(),
        _ when type == typeof(MarkReconciledResult) => new MarkReconciledResultFormatter(),
        _ when type == typeof(PrintFormRequest) => new PrintFormRequestFormatter(),
        _ when type == typeof(PrintedForm) => new PrintedFormFormatter(),
        _ when type == typeof(DeviceInfo) => new DeviceInfoFormatter(),
        _ when type == typeof(TrustInfo) => new TrustInfoFormatter(),
        _ when typeof(Events.ReaderEvent).IsAssignableFrom(type) => ReaderEvent,
        _ => null,
    };
}
