namespace ReaderKit.Host.Configuration;

/// <summary>
/// The <c>Indicator</c> section: the status LED and buzzer pins (logical GPIO numbering). Every pin is optional; with
/// none set the host opens no GPIO for them. Without an amber pin, amber is shown as green and red together (a
/// two-colour LED).
/// </summary>
public sealed class IndicatorOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Indicator";

    /// <summary>Green LED: online and ready.</summary>
    public int? GreenPin { get; set; }

    /// <summary>Amber LED: offline (outage) mode or a tap in progress.</summary>
    public int? AmberPin { get; set; }

    /// <summary>Red LED: a fault (reader, journal) or a refused result.</summary>
    public int? RedPin { get; set; }

    /// <summary>Buzzer (active buzzer: High = sound, or Low with <see cref="ActiveLow"/>).</summary>
    public int? BuzzerPin { get; set; }

    /// <summary>True when the LEDs and buzzer are on at Low (sinking wiring).</summary>
    public bool ActiveLow { get; set; }

    /// <summary>The gpiochip number (0 on a Pi 4; 0 on a Pi 5 with a current kernel [U]).</summary>
    public int Chip { get; set; }
}
