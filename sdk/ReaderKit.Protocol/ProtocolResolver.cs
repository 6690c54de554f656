using MessagePack;
using MessagePack.Formatters;
using ReaderKit.Protocol.Formatters;

namespace ReaderKit.Protocol;

/// <summary>
/// Resolves the hand-written formatter of every protocol message type — no dynamic or reflection-emit resolver, so it
/// is NativeAOT-safe. Types that are not protocol messages resolve to null (use <c>BuiltinResolver</c> for primitives).
/// </summary>
public sealed class ProtocolResolver : IFormatterResolver
{
    private ProtocolResolver()
    {
    }

    /// <summary>The one instance.</summary>
    public static ProtocolResolver Instance { get; } = new();

    /// <inheritdoc/>
    public IMessagePackFormatter<T>? GetFormatter<T>() => Cache<T>.Formatter;

    private static class Cache<T>
    {
        public static readonly IMessagePackFormatter<T>? Formatter = ProtocolFormatters.For(typeof(T)) as IMessagePackFormatter<T>;
    }
}
