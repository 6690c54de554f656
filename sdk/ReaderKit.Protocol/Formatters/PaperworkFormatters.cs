using MessagePack;
using MessagePack.Formatters;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Protocol.Formatters;

internal sealed class PrintFormRequestFormatter : IMessagePackFormatter<PrintFormRequest>
{
    public void Serialize(ref MessagePackWriter writer, PrintFormRequest value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(value.SlipWidthMm is null ? 2 : 3);
        Msg.Write(ref writer, "tapId", value.TapId);
        Msg.Write(ref writer, "kind", value.Kind);
        if (value.SlipWidthMm is { } mm)
        {
            writer.Write("slipWidthMm");
            writer.Write(mm);
        }
    }

    public PrintFormRequest Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? tapId = null;
        string? kind = null;
        int? width = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "tapId": tapId = Msg.Identifier(ref reader, key); break;
                case "kind": kind = Msg.String(ref reader, key); break;
                case "slipWidthMm": width = Msg.Int(ref reader, key); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        kind ??= PrintFormRequest.FormKind;
        if (kind is not (PrintFormRequest.FormKind or PrintFormRequest.SlipKind))
        {
            throw new RpcFormatException("'kind' must be form or slip.");
        }

        if (width is not (null or 58 or 80))
        {
            throw new RpcFormatException("'slipWidthMm' must be 58 or 80.");
        }

        return new PrintFormRequest(Msg.Required(tapId, "tapId")) { Kind = kind, SlipWidthMm = width };
    }
}

internal sealed class PrintedFormFormatter : IMessagePackFormatter<PrintedForm>
{
    public void Serialize(ref MessagePackWriter writer, PrintedForm value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(6);
        Msg.Write(ref writer, "tapId", value.TapId);
        Msg.Write(ref writer, "recordId", value.RecordId);
        Msg.Write(ref writer, "kind", value.Kind);
        Msg.Write(ref writer, "contentType", value.ContentType);
        writer.Write("pdf");
        writer.Write(value.Pdf);
        Msg.Write(ref writer, "receiptHash", value.ReceiptHash);
    }

    public PrintedForm Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? tapId = null, recordId = null, kind = null, contentType = null, hash = null;
        byte[]? pdf = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "tapId": tapId = Msg.String(ref reader, key); break;
                case "recordId": recordId = Msg.String(ref reader, key); break;
                case "kind": kind = Msg.String(ref reader, key); break;
                case "contentType": contentType = Msg.String(ref reader, key); break;
                case "pdf": pdf = Msg.Bytes(ref reader, key); break;
                case "receiptHash": hash = Msg.String(ref reader, key); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new PrintedForm(Msg.Required(tapId, "tapId"), Msg.Required(recordId, "recordId"), Msg.Required(kind, "kind"), Msg.Required(pdf, "pdf"), Msg.Required(hash, "receiptHash"))
        {
            ContentType = contentType ?? "application/pdf",
        };
    }
}
