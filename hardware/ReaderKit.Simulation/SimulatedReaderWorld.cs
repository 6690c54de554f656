using System.Device.Gpio;
using System.IO.Ports;
using ReaderKit.Emulation.Pn532;
using ReaderKit.Face.Camera;
using ReaderKit.Face.Models;
using ReaderKit.Nfc;
using ReaderKit.VirtualCamera;
using ReaderKit.VirtualCamera.Kiosk;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Personas;
using ReaderKit.VirtualGpio;

namespace ReaderKit.Simulation;

/// <summary>
/// The simulated reader world: one emulated PN532 with a virtual My Number Card persona in its RF field, attached by
/// I2C, SPI or HSU and reached only through the production link classes (<see cref="Pn532I2cLink"/>,
/// <see cref="Pn532SpiLink"/>, <see cref="Pn532HsuLink"/> over the emulator's bus attachments or pseudo-terminal);
/// the virtual camera behind <see cref="IFrameSource"/>; and a virtual GPIO chip behind <see cref="GpioDriver"/>.
/// Whoever composes the host hands these to the same factories the real hardware uses; nothing above knows.
/// </summary>
/// <remarks>
/// The scene can change between taps: <see cref="Present"/> puts a persona's card in the field and sets who stands
/// before the camera, <see cref="RemoveCard"/> takes the card away. The camera is the virtual kiosk camera
/// (<see cref="VirtualKioskCamera"/>): it renders every frame from the scene and reacts to the face check's challenge
/// prompts the way the presentation would (a live head blinks and turns, a print does not). The test PKI's anchors (<see cref="TrustJson"/>) are test anchors: a
/// verifier accepts them only when told to.
/// </remarks>
public sealed class SimulatedReaderWorld : IDisposable
{
    private static readonly ChipPhotoFactory Photos = new();
    private readonly SimulatedWorldOptions _options;
    private readonly Lazy<string> _modelDirectory;
    private int _cameraSeed;
    private readonly Lock _gate = new();
    private string _presentation;
    private Persona? _cameraSubject;

    /// <summary>Builds the world; the persona's card is in the field unless <see cref="SimulatedWorldOptions.CardInFieldAtStart"/> is false.</summary>
    /// <exception cref="ArgumentException">An unknown persona, link or presentation.</exception>
    public SimulatedReaderWorld(SimulatedWorldOptions? options = null)
    {
        _options = options ?? new SimulatedWorldOptions();
        if (!SimulatedWorldOptions.Links.Contains(_options.Link, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown simulated link '{_options.Link}': use i2c, spi or hsu.", nameof(options));
        }

        CheckPresentation(_options.Presentation);
        var persona = Persona(_options.Persona);
        var timing = !_options.Pacing ? Pn532Timing.Instant : _options.Link switch
        {
            "i2c" => Pn532Timing.I2c(400_000),
            "spi" => Pn532Timing.Spi(1_000_000),
            _ => Pn532Timing.Uart(115_200),
        };
        Emulator = new Pn532Emulator(new Pn532EmulatorOptions { Timing = timing, TimeProvider = _options.TimeProvider });
        Gpio = new VirtualGpioDriver(54, _options.TimeProvider);
        _modelDirectory = new Lazy<string>(() => _options.ModelDirectory ?? FaceModelFiles.Locate().Directory);
        _presentation = _options.Presentation;
        _cameraSubject = persona;
        if (_options.CardInFieldAtStart)
        {
            Present(persona.Name, _options.Presentation);
        }
    }

    /// <summary>Every persona name a card can be made for.</summary>
    public static IReadOnlyList<string> Personas => [.. PersonaCatalog.All.Select(p => p.Name)];

    /// <summary>The emulated chip (its RF field, fault injection, counters).</summary>
    public Pn532Emulator Emulator { get; }

    /// <summary>The virtual GPIO chip (LED, buzzer, UPS power-fail input).</summary>
    public VirtualGpioDriver Gpio { get; }

    /// <summary>The link name: <c>i2c</c>, <c>spi</c> or <c>hsu</c>.</summary>
    public string Link => _options.Link;

    /// <summary>The virtual card in the field, or null.</summary>
    public VirtualMyNumberCard? Card { get; private set; }

    /// <summary>Who the camera sees now ("live", "print", … of which persona).</summary>
    public string CameraScene
    {
        get
        {
            lock (_gate)
            {
                return $"{_presentation} ({_cameraSubject?.Name ?? "nobody"})";
            }
        }
    }

    /// <summary>The simulator's trust anchors (test PKI; accepted only with test anchors allowed), as shipped (<see cref="TestPki.DefaultTrustJson"/>: no key is generated for it).</summary>
    public static string TrustJson => TestPki.DefaultTrustJson;

    /// <summary>Puts <paramref name="persona"/>'s card alone in the field and sets what the camera sees.</summary>
    /// <param name="persona">A persona name (see <see cref="Personas"/>).</param>
    /// <param name="presentation"><c>live</c>, <c>print</c>, <c>waved-print</c>, <c>screen</c> or <c>other-person</c>; null keeps the current one.</param>
    public void Present(string persona, string? presentation = null)
    {
        var p = Persona(persona);
        if (presentation is not null)
        {
            CheckPresentation(presentation);
        }

        var card = VirtualMyNumberCard.Create(p, Photos);
        lock (_gate)
        {
            _presentation = presentation ?? _presentation;
            _cameraSubject = p;
            Emulator.Field.Remove();
            Emulator.Field.Insert(card);
            Card = card;
        }
    }

    /// <summary>
    /// Makes <paramref name="persona"/>'s card once without putting it in the field, so its keys (and the test PKI's CA
    /// keys that sign it, all memoised per process) exist before the first <see cref="Present"/> needs them. Optional: a
    /// later <see cref="Present"/> makes whatever is still missing.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown persona.</exception>
    public void PrepareCard(string persona) => _ = VirtualMyNumberCard.Create(Persona(persona), Photos);

    /// <summary>Takes the card out of the field (the holder walked away with it).</summary>
    public void RemoveCard()
    {
        lock (_gate)
        {
            Emulator.Field.Remove();
            Card = null;
        }
    }

    /// <summary>
    /// Opens a new link to the emulated PN532 the way the real one is opened: the production link class over the
    /// emulator's I2C device, SPI device (chip select on a GPIO controller over the emulator's pin), or a
    /// pseudo-terminal with a real <see cref="SerialPort"/>. The caller owns the link; disposing it also closes the
    /// chip-select controller or the pseudo-terminal opened for it.
    /// </summary>
    public IPn532Link OpenLink()
    {
        switch (_options.Link)
        {
            case "i2c":
                return new Pn532I2cLink(new Pn532I2cAttachment(Emulator), new Pn532I2cOptions(BusFrequencyHz: 400_000), _options.TimeProvider);
            case "spi":
                var spi = new Pn532SpiAttachment(Emulator, clockHz: 1_000_000);
                var gpio = new GpioController(spi.ChipSelectDriver);
                return new OwningLink(new Pn532SpiLink(spi, gpio, Pn532SpiAttachment.DefaultChipSelectPin, timeProvider: _options.TimeProvider), gpio);
            default:
                var pty = new Pn532HsuAttachment(Emulator, 115_200);
                var port = new SerialPort(pty.SlavePath, 115_200, Parity.None, 8, StopBits.One);
                try
                {
                    port.Open();
                }
                catch
                {
                    port.Dispose();
                    pty.Dispose();
                    throw;
                }

                return new OwningLink(new Pn532HsuLink(port, timeProvider: _options.TimeProvider), pty);
        }
    }

    /// <summary>
    /// A new virtual kiosk camera showing the current scene (each opening gets its own motion seed, as no two approaches
    /// to a kiosk are alike). It is also the kiosk screen (<see cref="ReaderKit.Face.Verification.IChallengePrompter"/>):
    /// a face check that shows its prompts on it sees a live head follow them.
    /// </summary>
    /// <exception cref="FaceModelsMissingException">No face models to build the head from (the face check would fail closed on them too).</exception>
    public IFrameSource OpenCamera()
    {
        Persona? subject;
        string presentation;
        lock (_gate)
        {
            subject = _cameraSubject;
            presentation = _presentation;
        }

        var seed = Interlocked.Increment(ref _cameraSeed);
        if (subject is null)
        {
            return new VirtualKioskCamera(KioskPresentation.Empty, PersonaFaces.For(PersonaCatalog.Default), _modelDirectory.Value, seed);
        }

        var face = PersonaFaces.For(presentation == "other-person" ? OtherPerson(subject) : subject);
        var kind = presentation switch
        {
            "print" => KioskPresentation.PrintStill,
            "waved-print" => KioskPresentation.PrintWaved,
            "screen" => KioskPresentation.ScreenReplay,
            _ => KioskPresentation.LiveHead,
        };
        return new VirtualKioskCamera(kind, face, _modelDirectory.Value, seed);
    }

    /// <inheritdoc />
    public void Dispose() => RemoveCard();

    /// <summary>Someone whose face is not the card's: the first persona with a different sample face.</summary>
    private static Persona OtherPerson(Persona holder)
    {
        var face = PersonaFaces.For(holder);
        return PersonaCatalog.All.First(p => PersonaFaces.For(p) != face);
    }

    private static Persona Persona(string name) =>
        PersonaCatalog.TryGet(name, out var persona) ? persona : throw new ArgumentException($"Unknown persona '{name}'; known: {string.Join(", ", Personas)}.", nameof(name));

    private static void CheckPresentation(string presentation)
    {
        if (!SimulatedWorldOptions.Presentations.Contains(presentation, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown presentation '{presentation}': use {string.Join(", ", SimulatedWorldOptions.Presentations)}.", nameof(presentation));
        }
    }
}
