namespace ReaderKit.Host.Configuration;

/// <summary><c>Reader:Hardware</c>: how the real PN532 and camera are attached (ignored in simulation).</summary>
public sealed class HardwareOptions
{
    /// <summary>The PN532 link: <c>i2c</c>, <c>spi</c> or <c>hsu</c>.</summary>
    public string Link { get; set; } = "i2c";

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
