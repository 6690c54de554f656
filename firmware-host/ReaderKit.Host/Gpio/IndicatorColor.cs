namespace ReaderKit.Host.Gpio;

/// <summary>What the status LED shows.</summary>
public enum IndicatorColor
{
    /// <summary>All off (stopped).</summary>
    Off,

    /// <summary>Online (or mode unknown) and no fault.</summary>
    Green,

    /// <summary>Offline (outage) mode: taps still verify, paperwork applies.</summary>
    Amber,

    /// <summary>A fault: the reader, the journal or the configuration needs attention.</summary>
    Red,
}
