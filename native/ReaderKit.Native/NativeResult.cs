using System.Globalization;
using System.Security.Cryptography;
using ReaderKit.Contracts;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Native;

/// <summary>
/// <c>readerkit_result</c>: a tap result. The chip photo is copied into a buffer of its own that
/// <c>readerkit_result_free</c> zeroes; the other personal fields are .NET strings, which cannot be zeroed (best effort,
/// as in the SDK).
/// </summary>
internal sealed class NativeResult : IDisposable
{
    private readonly byte[]? _photo;

    public NativeResult(TapResult value)
    {
        Value = value;
        _photo = value.Fields?.Photo is { } photo ? (byte[])photo.Clone() : null;
    }

    public TapResult Value { get; }

    /// <summary>The C code of the result's error (0 when accepted or when it carries none).</summary>
    public int ErrorCode => Value.Error is { } error ? NativeError.ToNative(ErrorCodes.TryParse(error.Name, out var named) ? named : (ErrorCode)error.Code) : 0;

    public static string VerdictName(VerdictKind verdict) => verdict switch
    {
        VerdictKind.Accepted => "Accepted",
        VerdictKind.NotGenuine => "NotGenuine",
        VerdictKind.Expired => "Expired",
        VerdictKind.FaceNotAccepted => "FaceNotAccepted",
        VerdictKind.CredentialRefused => "CredentialRefused",
        VerdictKind.Cancelled => "Cancelled",
        _ => "ReaderError",
    };

    /// <summary>A text field by key; null when absent (for personal fields: not asked for).</summary>
    /// <exception cref="ArgumentException">An unknown key.</exception>
    public string? Get(string key) => key switch
    {
        "tapId" => Value.TapId,
        "verdict" => VerdictName(Value.Verdict),
        "mode" => Value.Mode,
        "anchor" => Value.Anchor,
        "requestId" => Value.RequestId,
        "error.name" => Value.Error?.Name,
        "error.message" => Value.Error?.Message,
        "face.decision" => Value.Face?.Decision,
        "face.score" => Value.Face?.Score?.ToString("R", CultureInfo.InvariantCulture),
        "startedAtMs" => Value.StartedAtMs.ToString(CultureInfo.InvariantCulture),
        "completedAtMs" => Value.CompletedAtMs.ToString(CultureInfo.InvariantCulture),
        "checks" => Value.Checks.Count == 0 ? null : string.Join('\n', Value.Checks.Select(c => c.ToString())),
        PersonalField.Name => Value.Fields?.Name,
        PersonalField.Address => Value.Fields?.Address,
        PersonalField.BirthDate => Value.Fields?.BirthDate,
        PersonalField.Sex => Value.Fields?.Sex,
        PersonalField.ExpiryDate => Value.Fields?.ExpiryDate,
        _ => throw new ArgumentException("Unknown result key.", nameof(key)),
    };

    /// <summary>A binary field by key (only <c>photo</c>, JPEG 2000); empty when absent.</summary>
    /// <exception cref="ArgumentException">An unknown key.</exception>
    public ReadOnlySpan<byte> GetImage(string key) => key == PersonalField.Photo
        ? _photo
        : throw new ArgumentException("Unknown image key.", nameof(key));

    public bool HasImage(string key) => key == PersonalField.Photo ? _photo is not null : throw new ArgumentException("Unknown image key.", nameof(key));

    public void Dispose()
    {
        if (_photo is not null)
        {
            CryptographicOperations.ZeroMemory(_photo);
        }
    }
}
