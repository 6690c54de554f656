namespace ReaderKit.Protocol;

/// <summary>
/// One decoded MessagePack-RPC message header. <see cref="Body"/> is the raw bytes of the params map (request and
/// notification), the result (response) or the error (response with an error); decode it with a formatter.
/// The memory is borrowed from the receive buffer: decode before reading the next message.
/// </summary>
/// <param name="Kind">Request, response or notification.</param>
/// <param name="Id">The msgid (requests and responses).</param>
/// <param name="Method">The method or notification name (requests and notifications).</param>
/// <param name="Body">Params map, result, or error object; empty when the params array was empty.</param>
/// <param name="IsError">True for a response whose error element is not nil.</param>
public readonly record struct RpcEnvelope(RpcMessageKind Kind, uint Id, string? Method, ReadOnlyMemory<byte> Body, bool IsError);
