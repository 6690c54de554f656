using System.CommandLine;
using ReaderKit.Tap;
using ReaderKit.Tap.Devices;

namespace ReaderKit.Cli.Reader;

/// <summary>
/// The command-line options that say which reader to use: a PN532 (`--link i2c|spi|hsu` and the bus details) or a PC/SC reader
/// (`--link pcsc [--reader NAME]`), shared by every verb that talks to a real reader. Opening the link is the only place that
/// touches hardware.
/// </summary>
internal sealed class ReaderLinkOptions
{
    public Option<string> Link { get; } = new("--link")
    {
        Description = "The reader: a PN532 on i2c, spi or hsu, or pcsc for a USB PC/SC (CCID) contactless reader.",
        DefaultValueFactory = _ => "i2c",
    };

    public Option<int> Bus { get; } = new("--bus")
    {
        Description = "I2C bus (default 1) or SPI bus (default 0).",
        DefaultValueFactory = _ => -1,
    };

    public Option<int> I2cKhz { get; } = new("--i2c-khz")
    {
        Description = "I2C bus clock in kHz as configured in config.txt (100 or 400); used for timing estimates.",
        DefaultValueFactory = _ => 100,
    };

    public Option<int> CsGpio { get; } = new("--cs-gpio")
    {
        Description = "SPI: the GPIO (BCM number) wired to the PN532's NSS pin.",
        DefaultValueFactory = _ => 8,
    };

    public Option<int> SpiHz { get; } = new("--spi-hz")
    {
        Description = "SPI clock in Hz (PN532 maximum 5 MHz).",
        DefaultValueFactory = _ => 1_000_000,
    };

    public Option<string> Port { get; } = new("--port")
    {
        Description = "HSU: the serial device, e.g. /dev/serial0 or the simulator's /dev/pts/N.",
        DefaultValueFactory = _ => "/dev/serial0",
    };

    public Option<int> Baud { get; } = new("--baud")
    {
        Description = "HSU: baud rate (the PN532 starts at 115200).",
        DefaultValueFactory = _ => 115200,
    };

    public Option<string?> Reader { get; } = new("--reader")
    {
        Description = "pcsc: part of the reader's name (case-insensitive; default: the only reader). An unknown or ambiguous name lists the readers.",
    };

    /// <summary>True when <c>--link pcsc</c> was given.</summary>
    public bool IsPcsc(ParseResult parse) => string.Equals(parse.GetValue(Link), "pcsc", StringComparison.OrdinalIgnoreCase);

    public void AddTo(Command command)
    {
        command.Options.Add(Link);
        command.Options.Add(Reader);
        command.Options.Add(Bus);
        command.Options.Add(I2cKhz);
        command.Options.Add(CsGpio);
        command.Options.Add(SpiHz);
        command.Options.Add(Port);
        command.Options.Add(Baud);
    }

    /// <summary>The PN532 link factory the options describe (nothing is opened yet).</summary>
    /// <exception cref="ArgumentException">An unknown link name, or pcsc (which is no PN532 link).</exception>
    public IPn532LinkFactory Factory(ParseResult parse) => LinkFactories.Create(
        parse.GetValue(Link)!, parse.GetValue(Bus), parse.GetValue(I2cKhz), parse.GetValue(CsGpio), parse.GetValue(SpiHz), parse.GetValue(Port)!, parse.GetValue(Baud));

    /// <summary>
    /// The tap's link factory: the PC/SC reader for <c>--link pcsc</c>, otherwise the PN532 on its bus (listing Type A targets
    /// too when <paramref name="acceptTypeA"/>: phones).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown link name, or --reader without --link pcsc.</exception>
    public ICardLinkFactory CardLinks(ParseResult parse, bool acceptTypeA = false)
    {
        if (IsPcsc(parse))
        {
            return new PcscCardLinkFactory(parse.GetValue(Reader));
        }

        if (parse.GetValue(Reader) is not null)
        {
            throw new ArgumentException("--reader names a PC/SC reader: use it with --link pcsc.");
        }

        return new Pn532CardLinkFactory(Factory(parse)) { AcceptTypeA = acceptTypeA };
    }
}
