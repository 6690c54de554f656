using System.Buffers;
using MessagePack;
using MessagePack.Formatters;
using ReaderKit.Contracts;

namespace ReaderKit.Protocol;

/// <summary>
/// Encodes and decodes protocol messages with the hand-written formatters directly: no
/// <c>MessagePackSerializer</c>, no dynamic resolver, no <c>MessagePackSerializerOptions</c> on this path (so a NativeAOT
/// build reaches none of MessagePack-CSharp's reflection code). The formatters enforce the depth limit themselves and
/// build only <c>string</c>-keyed dictionaries (randomised hashing), which is what <c>MessagePackSecurity.UntrustedData</c>
/// would otherwise provide.
/// </summary>
public static class ProtocolSerializer
{
    /// <summary>The options argument the formatters receive on this path: none (they never read it).</summary>
    internal static readonly MessagePackSerializerOptions NoOptions = null!;

    /// <summary>
    /// Options for code that wants MessagePack-CSharp's own <c>MessagePackSerializer</c> with the protocol types: the
    /// protocol resolver and <see cref="MessagePackSecurity.UntrustedData"/> with the depth limit. Not NativeAOT-clean
    /// (MessagePackSecurity's object comparer uses reflection); the SDK and server never touch it.
    /// </summary>
    public static MessagePackSerializerOptions Options => UntrustedOptions.Value;

    /// <summary>The formatter of a protocol type.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not a protocol message type.</exception>
    public static IMessagePackFormatter<T> Formatter<T>() =>
        ProtocolResolver.Instance.GetFormatter<T>() ?? throw new InvalidOperationException($"{typeof(T).Name} is not a ReaderKit protocol type.");

    /// <summary>Writes <paramref name="value"/> as a MessagePack map.</summary>
    public static void Write<T>(ref MessagePackWriter writer, T value) => Formatter<T>().Serialize(ref writer, value, NoOptions);

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
            return Formatter<T>().Deserialize(ref reader, NoOptions);
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or OverflowException or InvalidOperationException)
        {
            // MessagePack's own messages can quote type codes but never payload; still, keep ours generic.
            throw new RpcFormatException(ErrorCode.InvalidParams, "Parameters could not be decoded.", e);
        }
    }

    private static class UntrustedOptions
    {
        public static readonly MessagePackSerializerOptions Value =
            new MessagePackSerializerOptions(ProtocolResolver.Instance)
                .WithSecurity(MessagePackSecurity.UntrustedData.WithMaximumObjectGraphDepth(ProtocolLimits.DefaultMaxDepth));
    }
}
