using System.Buffers;
using MessagePack;
using ReaderKit.Contracts;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Formatters;

namespace ReaderKit.Protocol;

/// <summary>
/// The MessagePack-RPC envelope: request <c>[0, msgid, method, [params]]</c>, response <c>[1, msgid, error, result]</c>,
/// notification <c>[2, method, [params]]</c>. ReaderKit's <c>params</c> is always a one-element array holding a map.
/// </summary>
public static class RpcCodec
{
    /// <summary>Writes a request.</summary>
    public static void WriteRequest<T>(IBufferWriter<byte> output, uint id, string method, T parameters)
    {
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(4);
        writer.Write((int)RpcMessageKind.Request);
        writer.Write(id);
        writer.Write(method);
        writer.WriteArrayHeader(1);
        ProtocolSerializer.Write(ref writer, parameters);
        writer.Flush();
    }

    /// <summary>Writes a request whose params map is already encoded (<paramref name="parametersMap"/>: one MessagePack map).</summary>
    public static void WriteRequestRaw(IBufferWriter<byte> output, uint id, string method, ReadOnlySpan<byte> parametersMap)
    {
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(4);
        writer.Write((int)RpcMessageKind.Request);
        writer.Write(id);
        writer.Write(method);
        writer.WriteArrayHeader(1);
        writer.WriteRaw(parametersMap);
        writer.Flush();
    }

    /// <summary>Writes a successful response.</summary>
    public static void WriteResponse<T>(IBufferWriter<byte> output, uint id, T result)
    {
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(4);
        writer.Write((int)RpcMessageKind.Response);
        writer.Write(id);
        writer.WriteNil();
        ProtocolSerializer.Write(ref writer, result);
        writer.Flush();
    }

    /// <summary>Writes an error response (<c>result</c> nil).</summary>
    public static void WriteError(IBufferWriter<byte> output, uint id, RpcError error)
    {
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(4);
        writer.Write((int)RpcMessageKind.Response);
        writer.Write(id);
        ProtocolSerializer.Write(ref writer, error);
        writer.WriteNil();
        writer.Flush();
    }

    /// <summary>Writes a notification.</summary>
    public static void WriteNotification<T>(IBufferWriter<byte> output, string method, T parameters)
    {
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(3);
        writer.Write((int)RpcMessageKind.Notification);
        writer.Write(method);
        writer.WriteArrayHeader(1);
        ProtocolSerializer.Write(ref writer, parameters);
        writer.Flush();
    }

    /// <summary>Writes an event as its notification (<c>seq</c> and <c>tsMs</c> from the event).</summary>
    public static void WriteEvent(IBufferWriter<byte> output, ReaderEvent readerEvent)
    {
        ArgumentNullException.ThrowIfNull(readerEvent);
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(3);
        writer.Write((int)RpcMessageKind.Notification);
        writer.Write(readerEvent.Method);
        writer.WriteArrayHeader(1);
        ProtocolFormatters.ReaderEvent.Serialize(ref writer, readerEvent, ProtocolSerializer.NoOptions);
        writer.Flush();
    }

    /// <summary>Decodes an event notification's params; null for a notification name this version does not know.</summary>
    public static ReaderEvent? ReadEvent(string method, ReadOnlyMemory<byte> body)
    {
        var reader = new MessagePackReader(body);
        try
        {
            return ReaderEventFormatter.Read(method, ref reader, ProtocolSerializer.NoOptions);
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or OverflowException or InvalidOperationException)
        {
            throw new RpcFormatException(ErrorCode.InvalidParams, "Notification could not be decoded.", e);
        }
    }

    /// <summary>Parses the envelope of one complete message.</summary>
    /// <exception cref="RpcFormatException">Not a MessagePack-RPC message (<see cref="ErrorCode.InvalidRequest"/>); <see cref="RpcEnvelope.Id"/> is lost.</exception>
    public static RpcEnvelope Parse(ReadOnlyMemory<byte> message)
    {
        var reader = new MessagePackReader(message);
        try
        {
            if (reader.NextMessagePackType != MessagePackType.Array)
            {
                throw Invalid("A message must be an array.");
            }

            var length = reader.ReadArrayHeader();
            if (reader.NextMessagePackType != MessagePackType.Integer)
            {
                throw Invalid("The message type must be an integer.");
            }

            var kind = reader.ReadInt32();
            switch (kind)
            {
                case (int)RpcMessageKind.Request when length == 4:
                    {
                        var id = ReadId(ref reader);
                        var method = ReadMethod(ref reader);
                        var body = ReadParams(ref reader, message);
                        return new RpcEnvelope(RpcMessageKind.Request, id, method, body, false);
                    }

                case (int)RpcMessageKind.Notification when length == 3:
                    {
                        var method = ReadMethod(ref reader);
                        var body = ReadParams(ref reader, message);
                        return new RpcEnvelope(RpcMessageKind.Notification, 0, method, body, false);
                    }

                case (int)RpcMessageKind.Response when length == 4:
                    {
                        var id = ReadId(ref reader);
                        if (reader.TryReadNil())
                        {
                            var start = (int)reader.Consumed;
                            reader.Skip();
                            return new RpcEnvelope(RpcMessageKind.Response, id, null, message[start..(int)reader.Consumed], false);
                        }

                        var errorStart = (int)reader.Consumed;
                        reader.Skip();
                        var errorBody = message[errorStart..(int)reader.Consumed];
                        reader.Skip();
                        return new RpcEnvelope(RpcMessageKind.Response, id, null, errorBody, true);
                    }

                default:
                    throw Invalid("Unknown message type or wrong element count.");
            }
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or OverflowException or InvalidOperationException)
        {
            throw new RpcFormatException(ErrorCode.InvalidRequest, "The message envelope could not be decoded.", e);
        }
    }

    /// <summary>Best effort: the msgid of a request whose envelope is otherwise broken, so an error can still be answered.</summary>
    public static uint? TryReadRequestId(ReadOnlyMemory<byte> message)
    {
        try
        {
            var reader = new MessagePackReader(message);
            if (reader.NextMessagePackType != MessagePackType.Array || reader.ReadArrayHeader() < 2 || reader.NextMessagePackType != MessagePackType.Integer || reader.ReadInt32() != 0)
            {
                return null;
            }

            return reader.NextMessagePackType == MessagePackType.Integer ? reader.ReadUInt32() : null;
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or OverflowException or InvalidOperationException)
        {
            return null;
        }
    }

    private static uint ReadId(ref MessagePackReader reader) =>
        reader.NextMessagePackType == MessagePackType.Integer ? reader.ReadUInt32() : throw Invalid("The msgid must be an unsigned 32-bit integer.");

    private static string ReadMethod(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.String)
        {
            throw Invalid("The method must be a string.");
        }

        var method = reader.ReadString() ?? string.Empty;
        return method.Length is > 0 and <= ProtocolLimits.MaxIdentifierLength ? method : throw Invalid("The method name is empty or too long.");
    }

    private static ReadOnlyMemory<byte> ReadParams(ref MessagePackReader reader, ReadOnlyMemory<byte> message)
    {
        if (reader.TryReadNil())
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            throw Invalid("params must be an array.");
        }

        var count = reader.ReadArrayHeader();
        if (count == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var start = (int)reader.Consumed;
        reader.Skip();
        var body = message[start..(int)reader.Consumed];
        for (var i = 1; i < count; i++)
        {
            reader.Skip();
        }

        return body;
    }

    private static RpcFormatException Invalid(string message) => new(ErrorCode.InvalidRequest, message);
}
