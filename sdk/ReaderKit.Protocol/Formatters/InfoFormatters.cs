using MessagePack;
using MessagePack.Formatters;
using ReaderKit.Contracts;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Protocol.Formatters;

internal sealed class JournalQueryFormatter : IMessagePackFormatter<JournalQuery>
{
    public void Serialize(ref MessagePackWriter writer, JournalQuery value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(2 + Msg.Count(value.SinceMs is not null, value.UntilMs is not null, value.Reconciled is not null, value.Cursor is not null));
        if (value.SinceMs is { } since)
        {
            writer.Write("sinceMs");
            writer.Write(since);
        }

        if (value.UntilMs is { } until)
        {
            writer.Write("untilMs");
            writer.Write(until);
        }

        writer.Write("offlineOnly");
        writer.Write(value.OfflineOnly);
        if (value.Reconciled is { } reconciled)
        {
            writer.Write("reconciled");
            writer.Write(reconciled);
        }

        writer.Write("limit");
        writer.Write(value.Limit);
        if (value.Cursor is not null)
        {
            Msg.Write(ref writer, "cursor", value.Cursor);
        }
    }

    public JournalQuery Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        var q = new JournalQuery();
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "sinceMs": q = q with { SinceMs = Msg.Long(ref reader, key) }; break;
                case "untilMs": q = q with { UntilMs = Msg.Long(ref reader, key) }; break;
                case "offlineOnly": q = q with { OfflineOnly = Msg.Bool(ref reader, key) ?? false }; break;
                case "reconciled": q = q with { Reconciled = Msg.Bool(ref reader, key) }; break;
                case "limit": q = q with { Limit = Msg.Int(ref reader, key) ?? 100 }; break;
                case "cursor": q = q with { Cursor = reader.TryReadNil() ? null : Msg.Identifier(ref reader, key) }; break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return q.Limit is >= 1 and <= 500 ? q : throw new RpcFormatException("'limit' must be 1 to 500.");
    }
}

internal sealed class JournalRecordFormatter : IMessagePackFormatter<JournalRecord>
{
    public void Serialize(ref MessagePackWriter writer, JournalRecord value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(6 + Msg.Count(value.Error is not null, value.Anchor is not null, value.CardKey is not null));
        Msg.Write(ref writer, "id", value.Id);
        writer.Write("tsMs");
        writer.Write(value.TsMs);
        Msg.Write(ref writer, "verdict", value.Verdict.ToString());
        Msg.Write(ref writer, "mode", value.Mode);
        if (value.Error is not null)
        {
            writer.Write("error");
            ProtocolFormatters.RpcError.Serialize(ref writer, value.Error, options);
        }

        writer.Write("reconciled");
        writer.Write(value.Reconciled);
        if (value.Anchor is not null)
        {
            Msg.Write(ref writer, "anchor", value.Anchor);
        }

        if (value.CardKey is not null)
        {
            Msg.Write(ref writer, "cardKey", value.CardKey);
        }

        writer.Write("checks");
        writer.WriteArrayHeader(value.Checks.Count);
        foreach (var check in value.Checks)
        {
            ProtocolFormatters.CheckLine.Serialize(ref writer, check, options);
        }
    }

    public JournalRecord Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? id = null, verdict = null, mode = null, anchor = null, cardKey = null;
        long ts = 0;
        var reconciled = false;
        RpcError? error = null;
        var checks = new List<CheckLine>();
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "id": id = Msg.String(ref reader, key); break;
                case "tsMs": ts = Msg.Long(ref reader, key) ?? 0; break;
                case "verdict": verdict = Msg.String(ref reader, key); break;
                case "mode": mode = Msg.String(ref reader, key); break;
                case "error": error = reader.TryReadNil() ? null : ProtocolFormatters.RpcError.Deserialize(ref reader, options); break;
                case "reconciled": reconciled = Msg.Bool(ref reader, key) ?? false; break;
                case "anchor": anchor = Msg.String(ref reader, key); break;
                case "cardKey": cardKey = Msg.String(ref reader, key); break;
                case "checks":
                    var c = Msg.ArrayHeader(ref reader, options, key);
                    for (var j = 0; j < c; j++)
                    {
                        checks.Add(ProtocolFormatters.CheckLine.Deserialize(ref reader, options));
                    }

                    reader.Depth--;
                    break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new JournalRecord(Msg.Required(id, "id"), ts, VerdictNames.Parse(Msg.Required(verdict, "verdict")), mode ?? ReaderModes.Unknown)
        {
            Error = error,
            Reconciled = reconciled,
            Anchor = anchor,
            CardKey = cardKey,
            Checks = checks,
        };
    }
}

internal sealed class JournalPageFormatter : IMessagePackFormatter<JournalPage>
{
    public void Serialize(ref MessagePackWriter writer, JournalPage value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(value.NextCursor is null ? 1 : 2);
        writer.Write("records");
        writer.WriteArrayHeader(value.Records.Count);
        foreach (var record in value.Records)
        {
            ProtocolFormatters.JournalRecord.Serialize(ref writer, record, options);
        }

        if (value.NextCursor is not null)
        {
            Msg.Write(ref writer, "nextCursor", value.NextCursor);
        }
    }

    public JournalPage Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        var records = new List<JournalRecord>();
        string? next = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "records":
                    var c = Msg.ArrayHeader(ref reader, options, key);
                    for (var j = 0; j < c; j++)
                    {
                        records.Add(ProtocolFormatters.JournalRecord.Deserialize(ref reader, options));
                    }

                    reader.Depth--;
                    break;
                case "nextCursor": next = Msg.String(ref reader, key); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new JournalPage(records, next);
    }
}

internal sealed class JournalExportRequestFormatter : IMessagePackFormatter<JournalExportRequest>
{
    public void Serialize(ref MessagePackWriter writer, JournalExportRequest value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(3 + Msg.Count(value.SinceMs is not null, value.Cursor is not null));
        Msg.Write(ref writer, "format", value.Format);
        if (value.SinceMs is { } since)
        {
            writer.Write("sinceMs");
            writer.Write(since);
        }

        writer.Write("offlineOnly");
        writer.Write(value.OfflineOnly);
        if (value.Cursor is not null)
        {
            Msg.Write(ref writer, "cursor", value.Cursor);
        }

        writer.Write("maxBytes");
        writer.Write(value.MaxBytes);
    }

    public JournalExportRequest Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? format = null;
        long? since = null;
        var offline = false;
        string? cursor = null;
        var max = 32 * 1024;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "format": format = Msg.String(ref reader, key); break;
                case "sinceMs": since = Msg.Long(ref reader, key); break;
                case "offlineOnly": offline = Msg.Bool(ref reader, key) ?? false; break;
                case "cursor": cursor = reader.TryReadNil() ? null : Msg.Identifier(ref reader, key); break;
                case "maxBytes": max = Msg.Int(ref reader, key) ?? max; break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        if (format is not ("jsonl" or "csv"))
        {
            throw new RpcFormatException("'format' must be jsonl or csv.");
        }

        if (max is < 1024 or > 1024 * 1024)
        {
            throw new RpcFormatException("'maxBytes' must be 1024 to 1048576.");
        }

        return new JournalExportRequest(format) { SinceMs = since, OfflineOnly = offline, Cursor = cursor, MaxBytes = max };
    }
}

internal sealed class JournalExportChunkFormatter : IMessagePackFormatter<JournalExportChunk>
{
    public void Serialize(ref MessagePackWriter writer, JournalExportChunk value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(value.NextCursor is null ? 2 : 3);
        writer.Write("data");
        writer.Write(value.Data);
        if (value.NextCursor is not null)
        {
            Msg.Write(ref writer, "nextCursor", value.NextCursor);
        }

        writer.Write("done");
        writer.Write(value.Done);
    }

    public JournalExportChunk Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        byte[] data = [];
        string? next = null;
        var done = false;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "data": data = Msg.Bytes(ref reader, key) ?? []; break;
                case "nextCursor": next = Msg.String(ref reader, key); break;
                case "done": done = Msg.Bool(ref reader, key) ?? false; break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new JournalExportChunk(data, next, done);
    }
}

internal sealed class MarkReconciledRequestFormatter : IMessagePackFormatter<MarkReconciledRequest>
{
    public void Serialize(ref MessagePackWriter writer, MarkReconciledRequest value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(1);
        Msg.WriteStrings(ref writer, "ids", value.Ids);
    }

    public MarkReconciledRequest Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        List<string>? ids = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "ids": ids = Msg.Strings(ref reader, options, key, 1000); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new MarkReconciledRequest(Msg.Required(ids, "ids"));
    }
}

internal sealed class MarkReconciledResultFormatter : IMessagePackFormatter<MarkReconciledResult>
{
    public void Serialize(ref MessagePackWriter writer, MarkReconciledResult value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(1);
        writer.Write("marked");
        writer.Write(value.Marked);
    }

    public MarkReconciledResult Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        var marked = 0;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            switch (Msg.Key(ref reader))
            {
                case "marked": marked = Msg.Int(ref reader, "marked") ?? 0; break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new MarkReconciledResult(marked);
    }
}

internal sealed class DeviceInfoFormatter : IMessagePackFormatter<DeviceInfo>
{
    public void Serialize(ref MessagePackWriter writer, DeviceInfo value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(5 + Msg.Count(value.ReaderLink is not null, value.ReaderFirmware is not null, value.CertificateFingerprint is not null));
        Msg.Write(ref writer, "deviceId", value.DeviceId);
        Msg.Write(ref writer, "model", value.Model);
        Msg.Write(ref writer, "serverVersion", value.ServerVersion);
        if (value.ReaderLink is not null) Msg.Write(ref writer, "readerLink", value.ReaderLink);
        if (value.ReaderFirmware is not null) Msg.Write(ref writer, "readerFirmware", value.ReaderFirmware);
        writer.Write("cameraPresent");
        writer.Write(value.CameraPresent);
        if (value.CertificateFingerprint is not null) Msg.Write(ref writer, "certificateFingerprint", value.CertificateFingerprint);
        writer.Write("uptimeMs");
        writer.Write(value.UptimeMs);
    }

    public DeviceInfo Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? id = null, model = null, version = null, link = null, firmware = null, fingerprint = null;
        var camera = false;
        long uptime = 0;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "deviceId": id = Msg.String(ref reader, key); break;
                case "model": model = Msg.String(ref reader, key); break;
                case "serverVersion": version = Msg.String(ref reader, key); break;
                case "readerLink": link = Msg.String(ref reader, key); break;
                case "readerFirmware": firmware = Msg.String(ref reader, key); break;
                case "cameraPresent": camera = Msg.Bool(ref reader, key) ?? false; break;
                case "certificateFingerprint": fingerprint = Msg.String(ref reader, key); break;
                case "uptimeMs": uptime = Msg.Long(ref reader, key) ?? 0; break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new DeviceInfo(Msg.Required(id, "deviceId"), model ?? string.Empty, version ?? string.Empty)
        {
            ReaderLink = link,
            ReaderFirmware = firmware,
            CameraPresent = camera,
            CertificateFingerprint = fingerprint,
            UptimeMs = uptime,
        };
    }
}

internal sealed class TrustInfoFormatter : IMessagePackFormatter<TrustInfo>
{
    public void Serialize(ref MessagePackWriter writer, TrustInfo value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(3);
        Msg.Write(ref writer, "source", value.Source);
        writer.Write("anchors");
        writer.WriteArrayHeader(value.Anchors.Count);
        foreach (var a in value.Anchors)
        {
            writer.WriteMapHeader(a.NotAfter is null ? 3 : 4);
            Msg.Write(ref writer, "keyId", a.KeyId);
            Msg.Write(ref writer, "role", a.Role);
            if (a.NotAfter is not null)
            {
                Msg.Write(ref writer, "notAfter", a.NotAfter);
            }

            writer.Write("test");
            writer.Write(a.Test);
        }

        writer.Write("testAnchorsAllowed");
        writer.Write(value.TestAnchorsAllowed);
    }

    public TrustInfo Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? source = null;
        var anchors = new List<TrustAnchorInfo>();
        var allowed = false;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "source": source = Msg.String(ref reader, key); break;
                case "testAnchorsAllowed": allowed = Msg.Bool(ref reader, key) ?? false; break;
                case "anchors":
                    var c = Msg.ArrayHeader(ref reader, options, key);
                    for (var j = 0; j < c; j++)
                    {
                        string? keyId = null, role = null, notAfter = null;
                        var test = false;
                        var m = Msg.BeginMap(ref reader, options);
                        for (var k = 0; k < m; k++)
                        {
                            var field = Msg.Key(ref reader);
                            switch (field)
                            {
                                case "keyId": keyId = Msg.String(ref reader, field); break;
                                case "role": role = Msg.String(ref reader, field); break;
                                case "notAfter": notAfter = Msg.String(ref reader, field); break;
                                case "test": test = Msg.Bool(ref reader, field) ?? false; break;
                                default: reader.Skip(); break;
                            }
                        }

                        Msg.EndMap(ref reader);
                        anchors.Add(new TrustAnchorInfo(Msg.Required(keyId, "keyId"), role ?? string.Empty, notAfter, test));
                    }

                    reader.Depth--;
                    break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new TrustInfo(source ?? string.Empty, anchors, allowed);
    }
}
