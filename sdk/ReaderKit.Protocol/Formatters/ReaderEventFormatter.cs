using MessagePack;
using MessagePack.Formatters;
using ReaderKit.Protocol.Events;

namespace ReaderKit.Protocol.Formatters;

/// <summary>Writes any <see cref="ReaderEvent"/> as its notification params map; reads one given the notification name.</summary>
internal sealed class ReaderEventFormatter : IMessagePackFormatter<ReaderEvent>
{
    public void Serialize(ref MessagePackWriter writer, ReaderEvent value, MessagePackSerializerOptions options)
    {
        switch (value)
        {
            case CardPresentEvent e:
                writer.WriteMapHeader(3);
                Msg.Write(ref writer, "reader", e.Reader);
                break;
            case CardRemovedEvent e:
                writer.WriteMapHeader(3);
                Msg.Write(ref writer, "reader", e.Reader);
                break;
            case TapProgressEvent e:
                writer.WriteMapHeader(4);
                Msg.Write(ref writer, "tapId", e.TapId);
                Msg.Write(ref writer, "step", e.Step);
                break;
            case FacePromptEvent e:
                writer.WriteMapHeader(6);
                Msg.Write(ref writer, "tapId", e.TapId);
                Msg.Write(ref writer, "kind", e.Kind);
                writer.Write("index");
                writer.Write(e.Index);
                writer.Write("count");
                writer.Write(e.Count);
                break;
            case TapResultEvent e:
                writer.WriteMapHeader(4);
                Msg.Write(ref writer, "tapId", e.TapId);
                writer.Write("result");
                ProtocolFormatters.TapResult.Serialize(ref writer, e.Result, options);
                break;
            case ReaderModeEvent e:
                writer.WriteMapHeader(e.Reason is null ? 3 : 4);
                Msg.Write(ref writer, "mode", e.Mode);
                if (e.Reason is not null)
                {
                    Msg.Write(ref writer, "reason", e.Reason);
                }

                break;
            default:
                throw new ArgumentException("Unknown event type.", nameof(value));
        }

        writer.Write("seq");
        writer.Write(value.Seq);
        writer.Write("tsMs");
        writer.Write(value.TsMs);
    }

    public ReaderEvent Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        throw new NotSupportedException("Read events with ReaderEventFormatter.Read, which needs the notification name.");

    /// <summary>Reads the params map of notification <paramref name="method"/>; null for a notification this version does not know.</summary>
    public static ReaderEvent? Read(string method, ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? s1 = null, s2 = null;
        int index = 0, count = 0;
        long seq = 0, ts = 0;
        Messages.TapResult? result = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "seq": seq = Msg.Long(ref reader, key) ?? 0; break;
                case "tsMs": ts = Msg.Long(ref reader, key) ?? 0; break;
                case "reader" or "mode": s1 = Msg.String(ref reader, key); break;
                case "tapId": s1 = Msg.String(ref reader, key); break;
                case "step" or "kind" or "reason": s2 = Msg.String(ref reader, key); break;
                case "index": index = Msg.Int(ref reader, key) ?? 0; break;
                case "count": count = Msg.Int(ref reader, key) ?? 0; break;
                case "result" when method == RpcNotifications.TapResult: result = ProtocolFormatters.TapResult.Deserialize(ref reader, options); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        ReaderEvent? e = method switch
        {
            RpcNotifications.CardPresent => new CardPresentEvent(s1 ?? string.Empty),
            RpcNotifications.CardRemoved => new CardRemovedEvent(s1 ?? string.Empty),
            RpcNotifications.TapProgress => new TapProgressEvent(Msg.Required(s1, "tapId"), Msg.Required(s2, "step")),
            RpcNotifications.FacePrompt => new FacePromptEvent(Msg.Required(s1, "tapId"), Msg.Required(s2, "kind"), index, count),
            RpcNotifications.TapResult => new TapResultEvent(Msg.Required(s1, "tapId"), Msg.Required(result, "result")),
            RpcNotifications.ReaderMode => new ReaderModeEvent(Msg.Required(s1, "mode"), s2),
            _ => null,
        };
        return e is null ? null : e with { Seq = seq, TsMs = ts };
    }
}
