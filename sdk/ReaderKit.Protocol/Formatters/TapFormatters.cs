using System.Security.Cryptography;
using MessagePack;
using MessagePack.Formatters;
using ReaderKit.Contracts;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Protocol.Formatters;

internal sealed class NumberBInputFormatter : IMessagePackFormatter<NumberBInput>
{
    public void Serialize(ref MessagePackWriter writer, NumberBInput value, MessagePackSerializerOptions options)
    {
        if (value.IsPrebuilt)
        {
            writer.WriteMapHeader(1);
            writer.Write("digits");
            writer.WriteString(value.Digits);
            return;
        }

        writer.WriteMapHeader(4);
        writer.Write("birthDate");
        writer.WriteString(value.BirthDate);
        writer.Write("expiryYear");
        writer.Write(value.ExpiryYear);
        writer.Write("securityCode");
        writer.WriteString(value.SecurityCode);
        writer.Write("notation");
        writer.Write(value.Notation == NumberBNotation.Western ? "western" : "era");
    }

    public NumberBInput Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        // Secret parts are copied from the receive buffer into stack buffers, never into strings.
        Span<byte> digits = stackalloc byte[NumberBInput.DigitsLength];
        Span<byte> birth = stackalloc byte[10];
        Span<byte> code = stackalloc byte[4];
        int digitsLength = -1, birthLength = -1, codeLength = -1;
        int? year = null;
        var notation = NumberBNotation.JapaneseEra;
        try
        {
            var n = Msg.BeginMap(ref reader, options);
            for (var i = 0; i < n; i++)
            {
                var key = Msg.Key(ref reader);
                switch (key)
                {
                    case "digits": digitsLength = CopySecret(ref reader, digits, key); break;
                    case "birthDate": birthLength = CopySecret(ref reader, birth, key); break;
                    case "securityCode": codeLength = CopySecret(ref reader, code, key); break;
                    case "expiryYear": year = Msg.Int(ref reader, key); break;
                    case "notation":
                        notation = Msg.String(ref reader, key) switch
                        {
                            null or "era" => NumberBNotation.JapaneseEra,
                            "western" => NumberBNotation.Western,
                            _ => throw new RpcFormatException(ErrorCode.InvalidParams, "'notation' must be era or western."),
                        };
                        break;
                    default: reader.Skip(); break;
                }
            }

            Msg.EndMap(ref reader);
            try
            {
                if (digitsLength >= 0)
                {
                    return NumberBInput.FromDigits(digits[..digitsLength]);
                }

                if (birthLength < 0 || codeLength < 0 || year is null)
                {
                    throw new RpcFormatException(ErrorCode.InvalidParams, "numberB needs digits, or birthDate, expiryYear and securityCode.");
                }

                return NumberBInput.FromParts(birth[..birthLength], year.Value, code[..codeLength], notation);
            }
            catch (ArgumentException e)
            {
                // The ArgumentException messages name the part, never its value.
                throw new RpcFormatException(ErrorCode.InvalidParams, "numberB: " + e.Message.Split(" (", 2)[0]);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(digits);
            CryptographicOperations.ZeroMemory(birth);
            CryptographicOperations.ZeroMemory(code);
        }
    }

    private static int CopySecret(ref MessagePackReader reader, scoped Span<byte> target, string key)
    {
        if (reader.NextMessagePackType != MessagePackType.String)
        {
            throw Msg.Mistyped(key);
        }

        var sequence = reader.ReadStringSequence();
        if (sequence is not { } bytes || bytes.Length > target.Length)
        {
            throw new RpcFormatException(ErrorCode.InvalidParams, $"numberB: '{key}' has the wrong length.");
        }

        System.Buffers.BuffersExtensions.CopyTo(bytes, target);
        return (int)bytes.Length;
    }
}

internal sealed class TapOptionsFormatter : IMessagePackFormatter<TapOptions>
{
    public void Serialize(ref MessagePackWriter writer, TapOptions value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(4 + Msg.Count(value.Face is not null, value.RequireFace is not null, value.TimeoutMs is not null));
        Msg.WriteStrings(ref writer, "fields", value.Fields);
        writer.Write("text");
        writer.Write(value.Text);
        writer.Write("jpki");
        writer.Write(value.Jpki);
        if (value.Face is { } face)
        {
            writer.Write("face");
            writer.Write(face);
        }

        if (value.RequireFace is { } require)
        {
            writer.Write("requireFace");
            writer.Write(require);
        }

        writer.Write("staffAssisted");
        writer.Write(value.StaffAssisted);
        if (value.TimeoutMs is { } timeout)
        {
            writer.Write("timeoutMs");
            writer.Write(timeout);
        }
    }

    public TapOptions Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        var result = new TapOptions();
        if (reader.TryReadNil())
        {
            return result;
        }

        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            result = key switch
            {
                "fields" => result with { Fields = Msg.Strings(ref reader, options, key, 32) },
                "text" => result with { Text = Msg.Bool(ref reader, key) ?? false },
                "jpki" => result with { Jpki = Msg.Bool(ref reader, key) ?? false },
                "face" => result with { Face = Msg.Bool(ref reader, key) },
                "requireFace" => result with { RequireFace = Msg.Bool(ref reader, key) },
                "staffAssisted" => result with { StaffAssisted = Msg.Bool(ref reader, key) ?? false },
                "timeoutMs" => result with { TimeoutMs = Msg.Int(ref reader, key) },
                _ => Skip(ref reader, result),
            };
        }

        Msg.EndMap(ref reader);
        return result;
    }

    private static TapOptions Skip(ref MessagePackReader reader, TapOptions value)
    {
        reader.Skip();
        return value;
    }
}

internal sealed class TapStartRequestFormatter : IMessagePackFormatter<TapStartRequest>
{
    public void Serialize(ref MessagePackWriter writer, TapStartRequest value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(2 + Msg.Count(value.LeaseId is not null, value.RequestId is not null));
        writer.Write("numberB");
        ProtocolFormatters.NumberB.Serialize(ref writer, value.NumberB, options);
        writer.Write("options");
        ProtocolFormatters.TapOptions.Serialize(ref writer, value.Options, options);
        if (value.LeaseId is not null)
        {
            Msg.Write(ref writer, "leaseId", value.LeaseId);
        }

        if (value.RequestId is not null)
        {
            Msg.Write(ref writer, "requestId", value.RequestId);
        }
    }

    public TapStartRequest Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        NumberBInput? numberB = null;
        var tapOptions = new TapOptions();
        string? lease = null, request = null;
        try
        {
            var n = Msg.BeginMap(ref reader, options);
            for (var i = 0; i < n; i++)
            {
                var key = Msg.Key(ref reader);
                switch (key)
                {
                    case "numberB":
                        numberB?.Dispose();
                        numberB = ProtocolFormatters.NumberB.Deserialize(ref reader, options);
                        break;
                    case "options": tapOptions = ProtocolFormatters.TapOptions.Deserialize(ref reader, options); break;
                    case "leaseId": lease = reader.TryReadNil() ? null : Msg.Identifier(ref reader, key); break;
                    case "requestId": request = reader.TryReadNil() ? null : Msg.Identifier(ref reader, key); break;
                    default: reader.Skip(); break;
                }
            }

            Msg.EndMap(ref reader);
            return new TapStartRequest(Msg.Required(numberB, "numberB"), tapOptions, lease, request);
        }
        catch
        {
            numberB?.Dispose();
            throw;
        }
    }
}

internal sealed class TapStartedFormatter : IMessagePackFormatter<TapStarted>
{
    public void Serialize(ref MessagePackWriter writer, TapStarted value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(value.LeaseId is null ? 1 : 2);
        Msg.Write(ref writer, "tapId", value.TapId);
        if (value.LeaseId is not null)
        {
            Msg.Write(ref writer, "leaseId", value.LeaseId);
        }
    }

    public TapStarted Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? tap = null, lease = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "tapId": tap = Msg.String(ref reader, key); break;
                case "leaseId": lease = Msg.String(ref reader, key); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new TapStarted(Msg.Required(tap, "tapId"), lease);
    }
}

internal sealed class TapRefFormatter : IMessagePackFormatter<TapRef>
{
    public void Serialize(ref MessagePackWriter writer, TapRef value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(1);
        Msg.Write(ref writer, "tapId", value.TapId);
    }

    public TapRef Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? tap = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "tapId": tap = Msg.Identifier(ref reader, key); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new TapRef(Msg.Required(tap, "tapId"));
    }
}

internal sealed class TapResultRequestFormatter : IMessagePackFormatter<TapResultRequest>
{
    public void Serialize(ref MessagePackWriter writer, TapResultRequest value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(2);
        Msg.Write(ref writer, "tapId", value.TapId);
        writer.Write("waitMs");
        writer.Write(value.WaitMs);
    }

    public TapResultRequest Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? tap = null;
        var wait = 0;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "tapId": tap = Msg.Identifier(ref reader, key); break;
                case "waitMs": wait = Msg.Int(ref reader, key) ?? 0; break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new TapResultRequest(Msg.Required(tap, "tapId"), wait);
    }
}

internal sealed class TapResultReplyFormatter : IMessagePackFormatter<TapResultReply>
{
    public void Serialize(ref MessagePackWriter writer, TapResultReply value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(value.Result is null ? 2 : 3);
        Msg.Write(ref writer, "tapId", value.TapId);
        Msg.Write(ref writer, "state", value.State);
        if (value.Result is not null)
        {
            writer.Write("result");
            ProtocolFormatters.TapResult.Serialize(ref writer, value.Result, options);
        }
    }

    public TapResultReply Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? tap = null, state = null;
        TapResult? result = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "tapId": tap = Msg.String(ref reader, key); break;
                case "state": state = Msg.String(ref reader, key); break;
                case "result": result = reader.TryReadNil() ? null : ProtocolFormatters.TapResult.Deserialize(ref reader, options); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new TapResultReply(Msg.Required(tap, "tapId"), Msg.Required(state, "state"), result);
    }
}

internal sealed class CheckLineFormatter : IMessagePackFormatter<CheckLine>
{
    public void Serialize(ref MessagePackWriter writer, CheckLine value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(3);
        Msg.Write(ref writer, "name", value.Name);
        Msg.Write(ref writer, "status", value.StatusWord);
        Msg.Write(ref writer, "reason", value.Reason);
    }

    public CheckLine Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? name = null, status = null, reason = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "name": name = Msg.String(ref reader, key); break;
                case "status": status = Msg.String(ref reader, key); break;
                case "reason": reason = Msg.String(ref reader, key); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        CheckLineStatus parsed;
        try
        {
            parsed = CheckLine.ParseStatus(Msg.Required(status, "status"));
        }
        catch (FormatException)
        {
            // A status word from a newer peer is shown as a warning, never as a pass.
            parsed = CheckLineStatus.Warn;
        }

        return new CheckLine(Msg.Required(name, "name"), parsed, reason ?? string.Empty);
    }
}

internal sealed class RetriesFormatter : IMessagePackFormatter<Retries>
{
    public void Serialize(ref MessagePackWriter writer, Retries value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(3 + Msg.Count(value.RemainingBefore is not null, value.RemainingAfter is not null));
        Msg.Write(ref writer, "credential", value.Credential);
        if (value.RemainingBefore is { } before)
        {
            writer.Write("remainingBefore");
            writer.Write(before);
        }

        writer.Write("floor");
        writer.Write(value.Floor);
        writer.Write("valueSent");
        writer.Write(value.ValueSent);
        if (value.RemainingAfter is { } after)
        {
            writer.Write("remainingAfter");
            writer.Write(after);
        }
    }

    public Retries Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? credential = null;
        int? before = null, after = null;
        var floor = 0;
        var sent = false;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "credential": credential = Msg.String(ref reader, key); break;
                case "remainingBefore": before = Msg.Int(ref reader, key); break;
                case "floor": floor = Msg.Int(ref reader, key) ?? 0; break;
                case "valueSent": sent = Msg.Bool(ref reader, key) ?? false; break;
                case "remainingAfter": after = Msg.Int(ref reader, key); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new Retries(Msg.Required(credential, "credential"), before, floor, sent, after);
    }
}

internal sealed class FaceOutcomeFormatter : IMessagePackFormatter<FaceOutcome>
{
    public void Serialize(ref MessagePackWriter writer, FaceOutcome value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(1 + Msg.Count(value.Score is not null, value.Threshold is not null, value.Frames is not null, value.OperatorId is not null));
        Msg.Write(ref writer, "decision", value.Decision);
        if (value.Score is { } score)
        {
            writer.Write("score");
            writer.Write(score);
        }

        if (value.Threshold is { } threshold)
        {
            writer.Write("threshold");
            writer.Write(threshold);
        }

        if (value.Frames is { } frames)
        {
            writer.Write("frames");
            writer.Write(frames);
        }

        if (value.OperatorId is not null)
        {
            Msg.Write(ref writer, "operatorId", value.OperatorId);
        }
    }

    public FaceOutcome Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? decision = null, op = null;
        double? score = null, threshold = null;
        int? frames = null;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "decision": decision = Msg.String(ref reader, key); break;
                case "score": score = Msg.Double(ref reader, key); break;
                case "threshold": threshold = Msg.Double(ref reader, key); break;
                case "frames": frames = Msg.Int(ref reader, key); break;
                case "operatorId": op = Msg.String(ref reader, key); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new FaceOutcome(Msg.Required(decision, "decision")) { Score = score, Threshold = threshold, Frames = frames, OperatorId = op };
    }
}

internal sealed class PersonalFieldsFormatter : IMessagePackFormatter<PersonalFields>
{
    public void Serialize(ref MessagePackWriter writer, PersonalFields value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(Msg.Count(value.Name is not null, value.Address is not null, value.BirthDate is not null, value.Sex is not null, value.ExpiryDate is not null, value.Photo is not null, value.LiveFrame is not null));
        if (value.Name is not null) Msg.Write(ref writer, PersonalField.Name, value.Name);
        if (value.Address is not null) Msg.Write(ref writer, PersonalField.Address, value.Address);
        if (value.BirthDate is not null) Msg.Write(ref writer, PersonalField.BirthDate, value.BirthDate);
        if (value.Sex is not null) Msg.Write(ref writer, PersonalField.Sex, value.Sex);
        if (value.ExpiryDate is not null) Msg.Write(ref writer, PersonalField.ExpiryDate, value.ExpiryDate);
        if (value.Photo is not null)
        {
            writer.Write(PersonalField.Photo);
            writer.Write(value.Photo);
        }

        if (value.LiveFrame is not null)
        {
            writer.Write(PersonalField.LiveFrame);
            writer.Write(value.LiveFrame);
        }
    }

    public PersonalFields Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        var result = new PersonalFields();
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case PersonalField.Name: result = result with { Name = Msg.String(ref reader, key) }; break;
                case PersonalField.Address: result = result with { Address = Msg.String(ref reader, key) }; break;
                case PersonalField.BirthDate: result = result with { BirthDate = Msg.String(ref reader, key) }; break;
                case PersonalField.Sex: result = result with { Sex = Msg.String(ref reader, key) }; break;
                case PersonalField.ExpiryDate: result = result with { ExpiryDate = Msg.String(ref reader, key) }; break;
                case PersonalField.Photo: result = result with { Photo = Msg.Bytes(ref reader, key) }; break;
                case PersonalField.LiveFrame: result = result with { LiveFrame = Msg.Bytes(ref reader, key) }; break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return result;
    }
}

internal sealed class TapResultFormatter : IMessagePackFormatter<TapResult>
{
    public void Serialize(ref MessagePackWriter writer, TapResult value, MessagePackSerializerOptions options)
    {
        var fields = value.Fields is { IsEmpty: false } ? value.Fields : null;
        writer.WriteMapHeader(8 + Msg.Count(value.Error is not null, value.Anchor is not null, value.Face is not null, fields is not null, value.RequestId is not null) + (value.RecordId is not null ? 1 : 0));
        Msg.Write(ref writer, "tapId", value.TapId);
        Msg.Write(ref writer, "verdict", value.Verdict.ToString());
        if (value.Error is not null)
        {
            writer.Write("error");
            ProtocolFormatters.RpcError.Serialize(ref writer, value.Error, options);
        }

        writer.Write("checks");
        writer.WriteArrayHeader(value.Checks.Count);
        foreach (var check in value.Checks)
        {
            ProtocolFormatters.CheckLine.Serialize(ref writer, check, options);
        }

        writer.Write("retries");
        writer.WriteArrayHeader(value.Retries.Count);
        foreach (var retries in value.Retries)
        {
            ProtocolFormatters.Retries.Serialize(ref writer, retries, options);
        }

        writer.Write("timingsMs");
        writer.WriteMapHeader(value.TimingsMs.Count);
        foreach (var (step, ms) in value.TimingsMs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Write(step);
            writer.Write(ms);
        }

        if (value.Anchor is not null)
        {
            Msg.Write(ref writer, "anchor", value.Anchor);
        }

        if (value.Face is not null)
        {
            writer.Write("face");
            ProtocolFormatters.FaceOutcome.Serialize(ref writer, value.Face, options);
        }

        if (fields is not null)
        {
            writer.Write("fields");
            ProtocolFormatters.PersonalFields.Serialize(ref writer, fields, options);
        }

        Msg.Write(ref writer, "mode", value.Mode);
        if (value.RequestId is not null)
        {
            Msg.Write(ref writer, "requestId", value.RequestId);
        }

        writer.Write("startedAtMs");
        writer.Write(value.StartedAtMs);
        writer.Write("completedAtMs");
        writer.Write(value.CompletedAtMs);
        if (value.RecordId is not null)
        {
            Msg.Write(ref writer, "recordId", value.RecordId);
        }
    }

    public TapResult Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        string? tap = null, verdict = null, anchor = null, mode = null, request = null, record = null;
        RpcError? error = null;
        var checks = new List<CheckLine>();
        var retries = new List<Retries>();
        var timings = new Dictionary<string, long>(StringComparer.Ordinal);
        FaceOutcome? face = null;
        PersonalFields? fields = null;
        long started = 0, completed = 0;
        var n = Msg.BeginMap(ref reader, options);
        for (var i = 0; i < n; i++)
        {
            var key = Msg.Key(ref reader);
            switch (key)
            {
                case "tapId": tap = Msg.String(ref reader, key); break;
                case "verdict": verdict = Msg.String(ref reader, key); break;
                case "error": error = reader.TryReadNil() ? null : ProtocolFormatters.RpcError.Deserialize(ref reader, options); break;
                case "checks":
                    var c = Msg.ArrayHeader(ref reader, options, key);
                    for (var j = 0; j < c; j++)
                    {
                        checks.Add(ProtocolFormatters.CheckLine.Deserialize(ref reader, options));
                    }

                    reader.Depth--;
                    break;
                case "retries":
                    var r = Msg.ArrayHeader(ref reader, options, key);
                    for (var j = 0; j < r; j++)
                    {
                        retries.Add(ProtocolFormatters.Retries.Deserialize(ref reader, options));
                    }

                    reader.Depth--;
                    break;
                case "timingsMs":
                    var t = Msg.BeginMap(ref reader, options);
                    for (var j = 0; j < t; j++)
                    {
                        var step = Msg.Key(ref reader);
                        timings[step] = Msg.Long(ref reader, step) ?? 0;
                    }

                    Msg.EndMap(ref reader);
                    break;
                case "anchor": anchor = Msg.String(ref reader, key); break;
                case "face": face = reader.TryReadNil() ? null : ProtocolFormatters.FaceOutcome.Deserialize(ref reader, options); break;
                case "fields": fields = reader.TryReadNil() ? null : ProtocolFormatters.PersonalFields.Deserialize(ref reader, options); break;
                case "mode": mode = Msg.String(ref reader, key); break;
                case "requestId": request = Msg.String(ref reader, key); break;
                case "startedAtMs": started = Msg.Long(ref reader, key) ?? 0; break;
                case "completedAtMs": completed = Msg.Long(ref reader, key) ?? 0; break;
                case "recordId": record = Msg.String(ref reader, key); break;
                default: reader.Skip(); break;
            }
        }

        Msg.EndMap(ref reader);
        return new TapResult(Msg.Required(tap, "tapId"), VerdictNames.Parse(Msg.Required(verdict, "verdict")))
        {
            Error = error,
            Checks = checks,
            Retries = retries,
            TimingsMs = timings,
            Anchor = anchor,
            Face = face,
            Fields = fields is { IsEmpty: false } ? fields : null,
            Mode = mode ?? ReaderModes.Unknown,
            RequestId = request,
            StartedAtMs = started,
            CompletedAtMs = completed,
            RecordId = record,
        };
    }
}

/// <summary>Verdict names on the wire; an unknown name is read as ReaderError, never as Accepted.</summary>
internal static class VerdictNames
{
    public static VerdictKind Parse(string name) =>
        Enum.TryParse<VerdictKind>(name, ignoreCase: false, out var kind) && Enum.IsDefined(kind) && !int.TryParse(name, out _) ? kind : VerdictKind.ReaderError;
}
