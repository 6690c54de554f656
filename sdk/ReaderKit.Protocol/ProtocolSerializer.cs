using System.Buffers;
using MessagePack;
using MessagePack.Formatters;
using ReaderKit.Contracts;

namespace ReaderKit.Protocol;

/// <summary>
/// Encodes and decodes protocol messages through <see cref="ProtocolResolver"/> only, with
/// <see cref="MessagePackSecurity.UntrustedData"/> (collision-resistant hashing and a depth limit). Never touches
/// MessagePack-CSharp's dynamic resolvers.
/// </summary>
public static class ProtocolSerializer
{
    /// <summary>Options for untrusted input: the protocol resolver, untrusted-data security, depth limit <see cref="ProtocolLimits.DefaultMaxDepth"/>.</summary>
    public static MessagePackSerializerOptions Options { get; } =
        new MessagePackSerializerOptions(ProtocolResolver.Instance)
            .WithSecurity(MessagePackSecurity.UntrustedData.WithMaximumObjectGraphDepth(ProtocolLimits.DefaultMaxDepth));

    /// <summary>The formatter of a protocol type.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not a protocol message type.</exception>
    public static IMessagePackFormatter<T> Formatter<T>() =>
        ProtocolResolver.Instance.GetFormatter<T>() ?? throw new InvalidOperationException($"{typeof(T).Name} is not a ReaderKit protocol type.");

    /// <summary>Writes <paramref name="value"/> as a MessagePack map.</summary>
    public static void Write<T>(ref MessagePackWriter writer, T value) => Formatter<T>().Serialize(ref writer, value, Options);

    /// <summary>Encodes <paramref name="value"/> into a new array.</summary>
    public static byte[] Serialize<T>(T value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(buffer);
        Write(ref writer, value);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes one value from <paramref name="bytes"/>.</summary>
    /// <exception cref="RpcFormatException">The bytes are not a valid <typeparamref name="T"/> (code <see cref="ErrorCode.InvalidParams"/>).</exception>
    public static T Deserialize<T>(ReadOnlyMemory<byte> bytes)
    {
        var reader = new MessagePackReader(bytes);
        try
        {
            return Formatter<T>().Deserialize(ref reader, Options);
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or OverflowException or InvalidOperationException)
        {
            // MessagePack's own messages can quote type codes but never payload; still, keep ours generic.
            throw new RpcFormatException(ErrorCode.InvalidParams, "Parameters could not be decoded.", e is InsufficientExecutionStackException ? null : e);
        }
    }
}
