namespace ReaderKit.Emulation.Pn532;

/// <summary>The host interface a byte arrived on (decides wake-up rules).</summary>
public enum Pn532Interface
{
    /// <summary>I2C (address 0x24).</summary>
    I2c,

    /// <summary>SPI with a GPIO chip select.</summary>
    Spi,

    /// <summary>HSU (UART).</summary>
    Hsu,
}

/// <summary>Power state of the emulated chip.</summary>
public enum Pn532PowerState
{
    /// <summary>After power-up or reset (C106): RF commands are refused until SAMConfiguration.</summary>
    LowVbat,

    /// <summary>After SAMConfiguration.</summary>
    Normal,

    /// <summary>After PowerDown: host bytes on an enabled interface wake the chip.</summary>
    PowerDown,
}

/// <summary>Construction options of <see cref="Pn532Emulator"/>.</summary>
public sealed record Pn532EmulatorOptions
{
    /// <summary>Timing model; <see cref="Pn532Timing.Instant"/> (no delays) by default.</summary>
    public Pn532Timing Timing { get; init; } = Pn532Timing.Instant;

    /// <summary>Clock for ready times and pacing.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>GetFirmwareVersion answer: IC, Ver, Rev, Support. Default 32 01 06 07 (PN532 v1.6, A + B + 18092).</summary>
    public IReadOnlyList<byte> FirmwareVersion { get; init; } = [0x32, 0x01, 0x06, 0x07];
}
