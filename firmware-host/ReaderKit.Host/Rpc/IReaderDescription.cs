namespace ReaderKit.Host.Rpc;

/// <summary>
/// What <c>device.getInfo</c> says about the reader hardware. The composition that wires the tap library registers
/// one (real PN532 link and camera, or the simulated world); without one the host reports only its id and version.
/// </summary>
public interface IReaderDescription
{
    /// <summary>The product or rig name, e.g. "ReaderKit on Raspberry Pi 5".</summary>
    string Model { get; }

    /// <summary>The PN532 link, e.g. "spi" or "i2c"; null when unknown.</summary>
    string? ReaderLink { get; }

    /// <summary>The PN532 firmware as last read, e.g. "PN532 1.6"; null before the first read.</summary>
    string? ReaderFirmware { get; }

    /// <summary>True when a camera is configured.</summary>
    bool CameraPresent { get; }
}
