using System.Buffers;
using ReaderKit.Protocol;

namespace ReaderKit.Rpc;

/// <summary>A handler's answer, written later under the connection's write lock.</summary>
internal abstract class RpcReply
{
    public abstract void Write(IBufferWriter<byte> output, uint id);

    public static RpcReply Of<T>(T value) => new Result<T>(value);

    public static RpcReply Error(RpcError error) => new Failure(error);

    private sealed class Result<T>(T value) : RpcReply
    {
        public override void Write(IBufferWriter<byte> output, uint id) => RpcCodec.WriteResponse(output, id, value);
    }

    private sealed class Failure(RpcError error) : RpcReply
    {
        public override void Write(IBufferWriter<byte> output, uint id) => RpcCodec.WriteError(output, id, error);
    }
}
