namespace ReaderKit.Host.Configuration;

/// <summary><c>Reader:Hardware</c>: how the real reader (a PN532 or a PC/SC reader) and camera are attached (ignored in simulation).</summary>
public sealed class HardwareOptions
{
    /// <summary>The <see cref="Link"/> value of a USB PC/SC (CCID) contactless reader.</summary>
    public const string PcscLink = "pcsc";

    /// <summary>Every valid <see cref="Link"/>.</summary>
    public static readonly IReadOnlyList<string> Links = ["i2c", "spi", "hsu", PcscLink];

    /// <summary>The reader link: a PN532 on <c>i2c</c>, <c>spi</c> or <c>hsu</c>, or <c>pcsc</c> for a PC/SC reader.</summary>
    public string Link { get; set; } = "i2c";

    /// <summary>
    /// <c>pcsc</c> only: part of the PC/SC reader's name (case-insensitive; an exact name wins), or null/empty for the only reader
    /// pcscd lists. An ambiguous or unknown name fails every tap with ReaderUnavailable and a list of the readers.
    /// </summary>
    public string? PcscReader { get; set; }

    /// <summary>I2C or SPI bus; -1 for the link's default (I2C 1, SPI 0).</summary>
    public int Bus { get; set; } = -1;

    /// <summary>The I2C clock as configured in config.txt (100 or 400 kHz; used for timing).</summary>
    public int I2cKhz { get; set; } = 100;

    /// <summary>SPI: the GPIO (BCM number) wired to the PN532's NSS.</summary>
    public int ChipSelectGpio { get; set; } = 8;

    /// <summary>SPI clock (the PN532 allows up to 5 MHz).</summary>
    public int SpiHz { get; set; } = 1_000_000;

    /// <summary>HSU: the serial device.</summary>
    public string Port { get; set; } = "/dev/serial0";

    /// <summary>HSU: baud rate.</summary>
    public int Baud { get; set; } = 115_200;

    /// <summary>The camera: <c>rpicam</c>, <c>v4l2:N</c> or <c>file:DIR</c>; empty = no camera (faces are not checked: a staff check or a refusal).</summary>
    public string Camera { get; set; } = "";
}
