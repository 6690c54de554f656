using MessagePack;
using MessagePack.Formatters;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Protocol.Formatters;

internal sealed class EmptyFormatter : IMessagePackFormatter<Empty>
{
    public void Serialize(ref MessagePackWriter writer, Empty value, MessagePackSerializerOptions options) => writer.WriteMapHeader(0);

    public Empty Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return Empty.Instance;
        }

        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n * 2; i++)
        {
            reader.Skip();
        }

        Msg.EndMap(ref reader);
        return Empty.Instance;
    }
}

internal sealed class DoneFormatter : IMessagePackFormatter<Done>
{
    public void Serialize(ref MessagePackWriter writer, Done value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(1);
        writer.Write("done");
        writer.Write(value.Value);
    }

    public Done Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        bool? done = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            switch (Msg.Key(ref reader))
            {
                case "done": done = Msg.Bool(ref reader, "done"); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new Done(Msg.Required(done, "done"));
    }
}

internal sealed class ClientInfoFormatter : IMessagePackFormatter<ClientInfo>
{
    public void Serialize(ref MessagePackWriter writer, ClientInfo value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(2);
        Msg.Write(ref writer, "name", value.Name);
        Msg.Write(ref writer, "version", value.Version);
    }

    public ClientInfo Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? name = null, version = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            switch (Msg.Key(ref reader))
            {
                case "name": name = Msg.String(ref reader, "name"); break;
                case "version": version = Msg.String(ref reader, "version"); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new ClientInfo(Msg.Required(name, "client.name"), version ?? string.Empty);
    }
}

internal sealed class HelloRequestFormatter : IMessagePackFormatter<HelloRequest>
{
    public void Serialize(ref MessagePackWriter writer, HelloRequest value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(value.Token is null ? 2 : 3);
        Msg.Write(ref writer, "protocol", value.Protocol);
        writer.Write("client");
        ProtocolFormatters.ClientInfo.Serialize(ref writer, value.Client, options);
        if (value.Token is not null)
        {
            Msg.Write(ref writer, "token", value.Token);
        }
    }

    public HelloRequest Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? protocol = null, token = null;
        ClientInfo? client = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            switch (Msg.Key(ref reader))
            {
                case "protocol": protocol = Msg.String(ref reader, "protocol"); break;
                case "client": client = reader.TryReadNil() ? null : ProtocolFormatters.ClientInfo.Deserialize(ref reader, options); break;
                case "token": token = Msg.String(ref reader, "token"); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new HelloRequest(Msg.Required(protocol, "protocol"), Msg.Required(client, "client"), token);
    }
}

internal sealed class ServerLimitsFormatter : IMessagePackFormatter<ServerLimits>
{
    public void Serialize(ref MessagePackWriter writer, ServerLimits value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(6);
        writer.Write("maxMessageBytes");
        writer.Write(value.MaxMessageBytes);
        writer.Write("maxDepth");
        writer.Write(value.MaxDepth);
        writer.Write("maxInFlight");
        writer.Write(value.MaxInFlight);
        writer.Write("notificationQueue");
        writer.Write(value.NotificationQueue);
        writer.Write("requestsPerSecond");
        writer.Write(value.RequestsPerSecond);
        writer.Write("helloTimeoutMs");
        writer.Write(value.HelloTimeoutMs);
    }

    public ServerLimits Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        int max = ProtocolLimits.DefaultMaxMessageBytes, depth = ProtocolLimits.DefaultMaxDepth, inFlight = 0, queue = 0, rps = 0, hello = 0;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "maxMessageBytes": max = Msg.Int(ref reader, key) ?? max; break;
                case "maxDepth": depth = Msg.Int(ref reader, key) ?? depth; break;
                case "maxInFlight": inFlight = Msg.Int(ref reader, key) ?? 0; break;
                case "notificationQueue": queue = Msg.Int(ref reader, key) ?? 0; break;
                case "requestsPerSecond": rps = Msg.Int(ref reader, key) ?? 0; break;
                case "helloTimeoutMs": hello = Msg.Int(ref reader, key) ?? 0; break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new ServerLimits(max, depth, inFlight, queue, rps, hello);
    }
}

internal sealed class HelloResultFormatter : IMessagePackFormatter<HelloResult>
{
    public void Serialize(ref MessagePackWriter writer, HelloResult value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(5);
        Msg.Write(ref writer, "protocol", value.Protocol);
        Msg.Write(ref writer, "server", value.Server);
        Msg.WriteStrings(ref writer, "capabilities", value.Capabilities);
        writer.Write("limits");
        ProtocolFormatters.ServerLimits.Serialize(ref writer, value.Limits, options);
        Msg.Write(ref writer, "sessionId", value.SessionId);
    }

    public HelloResult Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? protocol = null, server = null, session = null;
        List<string> caps = [];
        ServerLimits? limits = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "protocol": protocol = Msg.String(ref reader, key); break;
                case "server": server = Msg.String(ref reader, key); break;
                case "capabilities": caps = Msg.Strings(ref reader, options, key); break;
                case "limits": limits = reader.TryReadNil() ? null : ProtocolFormatters.ServerLimits.Deserialize(ref reader, options); break;
                case "sessionId": session = Msg.String(ref reader, key); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new HelloResult(Msg.Required(protocol, "protocol"), server ?? string.Empty, caps,
            limits ?? new ServerLimits(ProtocolLimits.DefaultMaxMessageBytes, ProtocolLimits.DefaultMaxDepth, 0, 0, 0, 0), session ?? string.Empty);
    }
}

internal sealed class PingResultFormatter : IMessagePackFormatter<PingResult>
{
    public void Serialize(ref MessagePackWriter writer, PingResult value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(1);
        writer.Write("tsMs");
        writer.Write(value.TsMs);
    }

    public PingResult Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        long ts = 0;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            switch (Msg.Key(ref reader))
            {
                case "tsMs": ts = Msg.Long(ref reader, "tsMs") ?? 0; break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new PingResult(ts);
    }
}

internal sealed class ReaderStatusFormatter : IMessagePackFormatter<ReaderStatus>
{
    public void Serialize(ref MessagePackWriter writer, ReaderStatus value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(4 + Msg.Count(value.CameraOk is not null, value.LeaseHolder is not null, value.CurrentTapId is not null, value.Detail is not null));
        Msg.Write(ref writer, "state", value.State);
        Msg.Write(ref writer, "mode", value.Mode);
        writer.Write("cardPresent");
        writer.Write(value.CardPresent);
        writer.Write("readerOk");
        writer.Write(value.ReaderOk);
        if (value.CameraOk is { } camera)
        {
            writer.Write("cameraOk");
            writer.Write(camera);
        }

        if (value.LeaseHolder is not null)
        {
            Msg.Write(ref writer, "leaseHolder", value.LeaseHolder);
        }

        if (value.CurrentTapId is not null)
        {
            Msg.Write(ref writer, "currentTapId", value.CurrentTapId);
        }

        if (value.Detail is not null)
        {
            Msg.Write(ref writer, "detail", value.Detail);
        }
    }

    public ReaderStatus Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? state = null, mode = null, holder = null, tap = null, detail = null;
        bool card = false, ok = false;
        bool? camera = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "state": state = Msg.String(ref reader, key); break;
                case "mode": mode = Msg.String(ref reader, key); break;
                case "cardPresent": card = Msg.Bool(ref reader, key) ?? false; break;
                case "readerOk": ok = Msg.Bool(ref reader, key) ?? false; break;
                case "cameraOk": camera = Msg.Bool(ref reader, key); break;
                case "leaseHolder": holder = Msg.String(ref reader, key); break;
                case "currentTapId": tap = Msg.String(ref reader, key); break;
                case "detail": detail = Msg.String(ref reader, key); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new ReaderStatus(Msg.Required(state, "state"), mode ?? ReaderModes.Unknown, card, ok)
        {
            CameraOk = camera,
            LeaseHolder = holder,
            CurrentTapId = tap,
            Detail = detail,
        };
    }
}

internal sealed class LeaseRequestFormatter : IMessagePackFormatter<LeaseRequest>
{
    public void Serialize(ref MessagePackWriter writer, LeaseRequest value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(Msg.Count(value.TtlMs is not null, value.LeaseId is not null));
        if (value.TtlMs is { } ttl)
        {
            writer.Write("ttlMs");
            writer.Write(ttl);
        }

        if (value.LeaseId is not null)
        {
            Msg.Write(ref writer, "leaseId", value.LeaseId);
        }
    }

    public LeaseRequest Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        int? ttl = null;
        string? lease = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "ttlMs": ttl = Msg.Int(ref reader, key); break;
                case "leaseId": lease = reader.TryReadNil() ? null : Msg.Identifier(ref reader, key); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new LeaseRequest(ttl, lease);
    }
}

internal sealed class LeaseGrantFormatter : IMessagePackFormatter<LeaseGrant>
{
    public void Serialize(ref MessagePackWriter writer, LeaseGrant value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(3);
        Msg.Write(ref writer, "leaseId", value.LeaseId);
        Msg.Write(ref writer, "holder", value.Holder);
        writer.Write("expiresAtMs");
        writer.Write(value.ExpiresAtMs);
    }

    public LeaseGrant Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? lease = null, holder = null;
        long expires = 0;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "leaseId": lease = Msg.String(ref reader, key); break;
                case "holder": holder = Msg.String(ref reader, key); break;
                case "expiresAtMs": expires = Msg.Long(ref reader, key) ?? 0; break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new LeaseGrant(Msg.Required(lease, "leaseId"), holder ?? string.Empty, expires);
    }
}

internal sealed class LeaseReleaseRequestFormatter : IMessagePackFormatter<LeaseReleaseRequest>
{
    public void Serialize(ref MessagePackWriter writer, LeaseReleaseRequest value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(1);
        Msg.Write(ref writer, "leaseId", value.LeaseId);
    }

    public LeaseReleaseRequest Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? lease = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "leaseId": lease = Msg.Identifier(ref reader, key); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new LeaseReleaseRequest(Msg.Required(lease, "leaseId"));
    }
}

internal sealed class SubscribeRequestFormatter : IMessagePackFormatter<SubscribeRequest>
{
    public void Serialize(ref MessagePackWriter writer, SubscribeRequest value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(1);
        Msg.WriteStrings(ref writer, "topics", value.Topics);
    }

    public SubscribeRequest Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        List<string>? topics = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "topics": topics = Msg.Strings(ref reader, options, key, 64); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new SubscribeRequest(Msg.Required(topics, "topics"));
    }
}

internal sealed class SubscribeResultFormatter : IMessagePackFormatter<SubscribeResult>
{
    public void Serialize(ref MessagePackWriter writer, SubscribeResult value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(2);
        Msg.WriteStrings(ref writer, "topics", value.Topics);
        writer.Write("seq");
        writer.Write(value.Seq);
    }

    public SubscribeResult Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        List<string> topics = [];
        long seq = 0;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "topics": topics = Msg.Strings(ref reader, options, key); break;
                case "seq": seq = Msg.Long(ref reader, key) ?? 0; break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new SubscribeResult(topics, seq);
    }
}

internal sealed class CancelRequestParamsFormatter : IMessagePackFormatter<CancelRequestParams>
{
    public void Serialize(ref MessagePackWriter writer, CancelRequestParams value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(1);
        writer.Write("id");
        writer.Write(value.Id);
    }

    public CancelRequestParams Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        long? id = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            switch (Msg.Key(ref reader))
            {
                case "id": id = Msg.Long(ref reader, "id"); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return id is >= 0 and <= uint.MaxValue ? new CancelRequestParams((uint)id.Value) : throw new RpcFormatException("Missing key 'id'.");
    }
}

internal sealed class RpcErrorFormatter : IMessagePackFormatter<RpcError>
{
    public void Serialize(ref MessagePackWriter writer, RpcError value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(value.Data is { Count: > 0 } ? 4 : 3);
        writer.Write("code");
        writer.Write(value.Code);
        Msg.Write(ref writer, "name", value.Name);
        Msg.Write(ref writer, "message", value.Message);
        if (value.Data is { Count: > 0 } data)
        {
            writer.Write("data");
            Msg.WriteValueMap(ref writer, data);
        }
    }

    public RpcError Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        int? code = null;
        string? name = null, message = null;
        Dictionary<string, object?>? data = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "code": code = Msg.Int(ref reader, key); break;
                case "name": name = Msg.String(ref reader, key); break;
                case "message": message = Msg.String(ref reader, key); break;
                case "data": data = Msg.ValueMap(ref reader, options); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        var c = Msg.Required(code, "code");
        return new RpcError(c, name ?? Contracts.ErrorCodes.NameOf((Contracts.ErrorCode)c), message ?? string.Empty, data);
    }
}
