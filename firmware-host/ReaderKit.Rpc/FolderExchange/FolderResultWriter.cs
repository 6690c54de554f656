using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using ReaderKit.Contracts;
using ReaderKit.Protocol;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Rpc.FolderExchange;

/// <summary>
/// Renders a result (or a refused request) as ReaderKit's own folder-exchange JSON (<c>format: readerkit-folder/1</c>)
/// and XML (namespace <c>urn:readerkit:folder-exchange:1</c>, schema <c>readerkit-folder-1.xsd</c>). The caller has
/// already removed every personal field the configuration does not allow.
/// </summary>
internal static class FolderResultWriter
{
    public const string Format = "readerkit-folder/1";
    public const string Namespace = "urn:readerkit:folder-exchange:1";

    public static byte[] Json(string? requestId, string? tapId, TapResult? result, RpcError? refused)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            WriteOptional(json, "requestId", requestId);
            WriteOptional(json, "tapId", tapId);
            var error = refused ?? result?.Error;
            json.WriteString("verdict", result?.Verdict.ToString() ?? "Refused");
            if (error is not null)
            {
                json.WriteStartObject("error");
                json.WriteNumber("code", error.Code);
                json.WriteString("name", error.Name);
                json.WriteString("message", error.Message);
                json.WriteEndObject();
            }

            if (result is not null)
            {
                json.WriteString("mode", result.Mode);
                json.WriteString("startedAt", Iso(result.StartedAtMs));
                json.WriteString("completedAt", Iso(result.CompletedAtMs));
                WriteOptional(json, "anchor", result.Anchor);
                json.WriteStartArray("checks");
                foreach (var c in result.Checks)
                {
                    json.WriteStartObject();
                    json.WriteString("name", c.Name);
                    json.WriteString("status", c.StatusWord);
                    json.WriteString("reason", c.Reason);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("retries");
                foreach (var r in result.Retries)
                {
                    json.WriteStartObject();
                    json.WriteString("credential", r.Credential);
                    if (r.RemainingBefore is { } before) json.WriteNumber("remainingBefore", before);
                    json.WriteNumber("floor", r.Floor);
                    json.WriteBoolean("valueSent", r.ValueSent);
                    if (r.RemainingAfter is { } after) json.WriteNumber("remainingAfter", after);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                if (result.Face is { } face)
                {
                    json.WriteStartObject("face");
                    json.WriteString("decision", face.Decision);
                    if (face.Score is { } score) json.WriteNumber("score", score);
                    if (face.Threshold is { } threshold) json.WriteNumber("threshold", threshold);
                    if (face.Frames is { } frames) json.WriteNumber("frames", frames);
                    WriteOptional(json, "operatorId", face.OperatorId);
                    json.WriteEndObject();
                }

                if (result.Fields is { IsEmpty: false } f)
                {
                    json.WriteStartObject("fields");
                    WriteOptional(json, PersonalField.Name, f.Name);
                    WriteOptional(json, PersonalField.Address, f.Address);
                    WriteOptional(json, PersonalField.BirthDate, f.BirthDate);
                    WriteOptional(json, PersonalField.Sex, f.Sex);
                    WriteOptional(json, PersonalField.ExpiryDate, f.ExpiryDate);
                    if (f.Photo is not null)
                    {
                        json.WriteBase64String("photoJp2Base64", f.Photo);
                    }

                    json.WriteEndObject();
                }
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Xml(string? requestId, string? tapId, TapResult? result, RpcError? refused)
    {
        var output = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using (var xml = XmlWriter.Create(output, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("TapResult", Namespace);
            xml.WriteAttributeString("format", Format);
            Element(xml, "RequestId", requestId);
            Element(xml, "TapId", tapId);
            xml.WriteElementString("Verdict", Namespace, result?.Verdict.ToString() ?? "Refused");
            var error = refused ?? result?.Error;
            if (error is not null)
            {
                xml.WriteStartElement("Error", Namespace);
                xml.WriteAttributeString("code", error.Code.ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("name", error.Name);
                xml.WriteString(error.Message);
                xml.WriteEndElement();
            }

            if (result is not null)
            {
                xml.WriteElementString("Mode", Namespace, result.Mode);
                xml.WriteElementString("StartedAt", Namespace, Iso(result.StartedAtMs));
                xml.WriteElementString("CompletedAt", Namespace, Iso(result.CompletedAtMs));
                Element(xml, "Anchor", result.Anchor);
                xml.WriteStartElement("Checks", Namespace);
                foreach (var c in result.Checks)
                {
                    xml.WriteStartElement("Check", Namespace);
                    xml.WriteAttributeString("name", c.Name);
                    xml.WriteAttributeString("status", c.StatusWord);
                    xml.WriteString(c.Reason);
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
                xml.WriteStartElement("Retries", Namespace);
                foreach (var r in result.Retries)
                {
                    xml.WriteStartElement("Retry", Namespace);
                    xml.WriteAttributeString("credential", r.Credential);
                    if (r.RemainingBefore is { } before) xml.WriteAttributeString("remainingBefore", before.ToString(CultureInfo.InvariantCulture));
                    xml.WriteAttributeString("floor", r.Floor.ToString(CultureInfo.InvariantCulture));
                    xml.WriteAttributeString("valueSent", r.ValueSent ? "true" : "false");
                    if (r.RemainingAfter is { } after) xml.WriteAttributeString("remainingAfter", after.ToString(CultureInfo.InvariantCulture));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
                if (result.Face is { } face)
                {
                    xml.WriteStartElement("Face", Namespace);
                    xml.WriteAttributeString("decision", face.Decision);
                    if (face.Score is { } score) xml.WriteAttributeString("score", score.ToString("R", CultureInfo.InvariantCulture));
                    if (face.Threshold is { } threshold) xml.WriteAttributeString("threshold", threshold.ToString("R", CultureInfo.InvariantCulture));
                    if (face.Frames is { } frames) xml.WriteAttributeString("frames", frames.ToString(CultureInfo.InvariantCulture));
                    if (face.OperatorId is { } op) xml.WriteAttributeString("operatorId", op);
                    xml.WriteEndElement();
                }

                if (result.Fields is { IsEmpty: false } f)
                {
                    xml.WriteStartElement("Fields", Namespace);
                    Element(xml, "Name", f.Name);
                    Element(xml, "Address", f.Address);
                    Element(xml, "BirthDate", f.BirthDate);
                    Element(xml, "Sex", f.Sex);
                    Element(xml, "ExpiryDate", f.ExpiryDate);
                    if (f.Photo is not null)
                    {
                        xml.WriteStartElement("Photo", Namespace);
                        xml.WriteAttributeString("format", "jp2");
                        xml.WriteBase64(f.Photo, 0, f.Photo.Length);
                        xml.WriteEndElement();
                    }

                    xml.WriteEndElement();
                }
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return output.ToArray();
    }

    private static void Element(XmlWriter xml, string name, string? value)
    {
        if (value is not null)
        {
            xml.WriteElementString(name, Namespace, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static string Iso(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
