using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Native;

/// <summary>Taps: start with 照合番号B (the caller's buffer is zeroed), cancel, wait for the result.</summary>
internal static unsafe partial class Exports
{
    private const uint FieldName = 0x01;
    private const uint FieldAddress = 0x02;
    private const uint FieldBirthDate = 0x04;
    private const uint FieldSex = 0x08;
    private const uint FieldExpiryDate = 0x10;
    private const uint FieldPhoto = 0x20;
    private const uint FieldAll = 0x3F;
    private const int Default = -1;

    [UnmanagedCallersOnly(EntryPoint = "readerkit_tap_options_init")]
    public static void ReaderKitTapOptionsInit(NativeTapOptions* options)
    {
        if (options is null)
        {
            return;
        }

        *options = new NativeTapOptions
        {
            StructSize = (uint)sizeof(NativeTapOptions),
            Face = Default,
            RequireFace = Default,
        };
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_tap_start")]
    public static int ReaderKitTapStart(nint client, byte* numberB, nuint numberBLength, NativeTapOptions* options, nint* tap)
    {
        // Whatever happens below, the caller's copy of 照合番号B is zeroed before this returns.
        var secret = numberB is null ? Span<byte>.Empty : new Span<byte>(numberB, (int)Math.Min(numberBLength, 64));
        try
        {
            CheckOut(tap, "tap");
            *tap = 0;
            var native = HandleTable.Get<NativeClient>(client, "client");
            if (numberB is null || numberBLength is not (14 or 16))
            {
                throw new ArgumentException("number_b must be 14 digits (built) or 16 digits (YYYYMMDD birth date, YYYY expiry year, 4-digit security code).", nameof(numberB));
            }

            var tapOptions = ToTapOptions(options);
            native.EnsureUsable();
            using var input = ToNumberB(secret, options is not null && options->WesternNotation != 0);
            CryptographicOperations.ZeroMemory(secret);
            var started = Wait(native.Client.StartTapAsync(input, tapOptions));
            var handle = HandleTable.Add(new NativeTap(native, started.TapId));
            *tap = handle;
            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The tap's id (owned by the tap, valid until <c>readerkit_tap_free</c>); NULL for a bad handle.</summary>
    [UnmanagedCallersOnly(EntryPoint = "readerkit_tap_id")]
    public static byte* ReaderKitTapId(nint tap)
    {
        try
        {
            var id = HandleTable.Get<NativeTap>(tap, "tap").IdUtf8;
            NativeError.Ok();
            return id;
        }
        catch (Exception e)
        {
            NativeError.From(e);
            return null;
        }
    }

    /// <summary>1 when the running tap was asked to stop, 0 when it had already finished, or a negative error code.</summary>
    [UnmanagedCallersOnly(EntryPoint = "readerkit_tap_cancel")]
    public static int ReaderKitTapCancel(nint tap)
    {
        try
        {
            var native = HandleTable.Get<NativeTap>(tap, "tap");
            native.Owner.EnsureUsable();
            var cancelled = Wait(native.Owner.Client.CancelTapAsync(native.TapId));
            NativeError.Ok();
            return cancelled ? 1 : 0;
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_tap_wait")]
    public static int ReaderKitTapWait(nint tap, int timeoutMs, nint* result)
    {
        try
        {
            CheckOut(result, "result");
            *result = 0;
            var native = HandleTable.Get<NativeTap>(tap, "tap");
            var value = Wait(native.WaitAsync(TimeSpan.FromMilliseconds(timeoutMs)));
            if (value is null)
            {
                return NativeError.Set(Contracts.ErrorCode.WaitTimedOut, "The tap did not finish within " + timeoutMs + " ms.");
            }

            *result = HandleTable.Add(new NativeResult(value));
            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "readerkit_tap_free")]
    public static int ReaderKitTapFree(nint tap)
    {
        try
        {
            HandleTable.Remove<NativeTap>(tap, "tap").Dispose();
            return NativeError.Ok();
        }
        catch (Exception e)
        {
            return NativeError.From(e);
        }
    }

    private static TapOptions ToTapOptions(NativeTapOptions* options)
    {
        if (options is null)
        {
            return new TapOptions();
        }

        if (options->StructSize < (uint)sizeof(NativeTapOptions))
        {
            throw new ArgumentException("options->struct_size must be sizeof(readerkit_tap_options) (use readerkit_tap_options_init).", nameof(options));
        }

        if ((options->Fields & ~FieldAll) != 0)
        {
            throw new ArgumentException("options->fields has unknown bits.", nameof(options));
        }

        if (options->TimeoutMs < 0)
        {
            throw new ArgumentException("options->timeout_ms must be 0 (host default) or positive.", nameof(options));
        }

        var fields = new List<string>();
        var bits = options->Fields;
        if ((bits & FieldName) != 0) fields.Add(PersonalField.Name);
        if ((bits & FieldAddress) != 0) fields.Add(PersonalField.Address);
        if ((bits & FieldBirthDate) != 0) fields.Add(PersonalField.BirthDate);
        if ((bits & FieldSex) != 0) fields.Add(PersonalField.Sex);
        if ((bits & FieldExpiryDate) != 0) fields.Add(PersonalField.ExpiryDate);
        if ((bits & FieldPhoto) != 0) fields.Add(PersonalField.Photo);
        return new TapOptions
        {
            Fields = fields,
            Face = Tristate(options->Face, "face"),
            RequireFace = Tristate(options->RequireFace, "require_face"),
            Text = options->Text != 0,
            Jpki = options->Jpki != 0,
            StaffAssisted = options->StaffAssisted != 0,
            TimeoutMs = options->TimeoutMs == 0 ? null : options->TimeoutMs,
        };
    }

    private static bool? Tristate(int value, string name) => value switch
    {
        Default => null,
        0 => false,
        1 => true,
        _ => throw new ArgumentException("options->" + name + " must be RK_DEFAULT, 0 or 1.", name),
    };

    /// <summary>14 digits (built), or 16: YYYYMMDD, YYYY, NNNN. Validation messages never hold a digit.</summary>
    private static NumberBInput ToNumberB(ReadOnlySpan<byte> secret, bool western)
    {
        if (secret.Length == NumberBInput.DigitsLength)
        {
            return NumberBInput.FromDigits(secret);
        }

        Span<byte> date = stackalloc byte[10];
        try
        {
            foreach (var b in secret)
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    throw new ArgumentException("number_b must hold ASCII digits only.", nameof(secret));
                }
            }

            secret[..4].CopyTo(date);
            date[4] = (byte)'-';
            secret[4..6].CopyTo(date[5..]);
            date[7] = (byte)'-';
            secret[6..8].CopyTo(date[8..]);
            var expiry = ((secret[8] - '0') * 1000) + ((secret[9] - '0') * 100) + ((secret[10] - '0') * 10) + (secret[11] - '0');
            return NumberBInput.FromParts(date, expiry, secret[12..16], western ? NumberBNotation.Western : NumberBNotation.JapaneseEra);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(date);
        }
    }
}
