using System.Security.Cryptography;
using System.Text;
using ReaderKit.Card.Credentials;
using ReaderKit.Emulation.Pn532;
using ReaderKit.Nfc;
using ReaderKit.Trust;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Tap.Tests.Fakes;

/// <summary>
/// The emulated PN532 (instant timing) on its I2C attachment, reached through <see cref="IPn532LinkFactory"/> as a real
/// bus would be, with a virtual card in its field. Records the PN532 command codes the host wrote.
/// </summary>
internal sealed class EmulatedReader : IPn532LinkFactory
{
    public static readonly DateTimeOffset At = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<TrustStore> Store = new(() => TrustStore.Production.WithJson(TestPki.Default.ExportTrustJson(), "TestPki.Default"));

    private static readonly IChipPhotoSource StandInPhotos = new DelegateChipPhotoSource(p =>
    {
        var body = SHA256.HashData(Encoding.UTF8.GetBytes(p.DataIdentity));
        return [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A, .. Enumerable.Range(0, 2000).Select(i => body[i % 32])];
    });

    private readonly List<byte> _commands = [];

    public EmulatedReader(string? persona, IChipPhotoSource? photos = null, Pn532Timing? timing = null)
    {
        Emulator = new Pn532Emulator(new Pn532EmulatorOptions { Timing = timing ?? Pn532Timing.Instant });
        if (persona is not null)
        {
            Persona = PersonaCatalog.Get(persona);
            Card = VirtualMyNumberCard.Create(Persona, photos ?? StandInPhotos);
            Emulator.Field.Insert(Card);
        }
    }

    public Pn532Emulator Emulator { get; }

    public Persona? Persona { get; }

    public VirtualMyNumberCard? Card { get; }

    public string Description => "emulated PN532 (I2C)";

    public int Opened { get; private set; }

    /// <summary>PN532 command codes written by the host, in order.</summary>
    public IReadOnlyList<byte> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    public static CardTapOptions Options(Action<CardTapOptions>? _ = null) => new()
    {
        Trust = new TrustOptions { TrustStore = Store.Value, AllowTestAnchors = true },
        Chip = new Pn532Options { AbortDrainTime = TimeSpan.FromMilliseconds(20), AckTimeout = TimeSpan.FromSeconds(2), CommandTimeout = TimeSpan.FromSeconds(5) },
        CardWait = TimeSpan.FromSeconds(5),
        CardPollInterval = TimeSpan.FromMilliseconds(20),
        TapDeadline = TimeSpan.FromSeconds(60),
    };

    public VerificationNumberB NumberB(string? securityCode = null)
    {
        var p = Persona ?? PersonaCatalog.Default;
        return VerificationNumberB.Create(p.Holder.DateOfBirth, p.ExpiryDate.Year, securityCode ?? p.SecurityCode,
            p.Holder.IsForeignResident ? BirthDateNotation.Western : BirthDateNotation.JapaneseEra);
    }

    public IPn532Link Open()
    {
        Opened++;
        return new RecordingLink(new Pn532I2cLink(new Pn532I2cAttachment(Emulator), new Pn532I2cOptions(BusFrequencyHz: 400_000)), this);
    }

    private void Record(ReadOnlySpan<byte> frame)
    {
        // Normal information frame: 00 00 FF LEN LCS D4 CMD …
        var start = frame.IndexOf((byte)0xD4);
        if (frame.Length > 6 && frame[..3].SequenceEqual((ReadOnlySpan<byte>)[0x00, 0x00, 0xFF]) && start == 5)
        {
            lock (_commands)
            {
                _commands.Add(frame[6]);
            }
        }
    }

    private sealed class RecordingLink(IPn532Link inner, EmulatedReader reader) : IPn532Link
    {
        public string Name => inner.Name;

        public TimeSpan ByteTime => inner.ByteTime;

        public Task WakeUpAsync(CancellationToken cancellationToken) => inner.WakeUpAsync(cancellationToken);

        public Task WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
        {
            reader.Record(frame.Span);
            return inner.WriteAsync(frame, cancellationToken);
        }

        public Task<byte[]> ReadFrameAsync(int sizeHint, CancellationToken cancellationToken) => inner.ReadFrameAsync(sizeHint, cancellationToken);

        public void DiscardInput() => inner.DiscardInput();

        public void Dispose() => inner.Dispose();
    }
}

/// <summary>The verification instant fixed at <see cref="EmulatedReader.At"/>; timers and timestamps are the system's.</summary>
internal sealed class FixedNowClock : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => EmulatedReader.At;
}

/// <summary>A link factory whose bus does not exist.</summary>
internal sealed class MissingBus : IPn532LinkFactory
{
    public string Description => "i2c bus 9";

    public IPn532Link Open() => throw new IOException("/dev/i2c-9: no such device");
}
