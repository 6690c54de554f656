using ReaderKit.Contracts;

namespace ReaderKit.Protocol;

/// <summary>
/// The error object of a response: <c>{code, name, message, data?}</c>. <c>code</c> and <c>name</c> come from the
/// shared <see cref="ErrorCode"/> table; <c>message</c> is one line for logs (never a stack trace, an exception type
/// name or a secret); <c>data</c> holds machine-readable details (e.g. <c>holder</c> for <c>LeaseHeld</c>,
/// <c>supported</c> for <c>UnsupportedProtocol</c>) as strings, integers, booleans or string lists.
/// </summary>
public sealed record RpcError(int Code, string Name, string Message, IReadOnlyDictionary<string, object?>? Data = null)
{
    /// <summary>The <see cref="ErrorCode"/> for <see cref="Code"/> (a number this version does not know stays as is).</summary>
    public ErrorCode ErrorCode => (ErrorCode)Code;

    /// <summary>Builds an error from a table code; the name comes from the table.</summary>
    public static RpcError From(ErrorCode code, string message, IReadOnlyDictionary<string, object?>? data = null) =>
        new((int)code, ErrorCodes.NameOf(code), message, data);
}
