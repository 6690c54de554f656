using System.Device.Gpio;
using Microsoft.Extensions.Options;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Outage;

namespace ReaderKit.Host.Gpio;

/// <summary>
/// The status LED (green/amber/red, or a two-colour LED showing amber as green+red) and the buzzer on configured pins.
/// Without configured pins every call is a no-op, so the rest of the host never asks whether hardware exists.
/// </summary>
public sealed class StatusIndicator
{
    private readonly Lock _gate = new();
    private readonly HostGpio _gpio;
    private readonly IndicatorOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _buzzer = new(1, 1);
    private bool _opened;

    public StatusIndicator(HostGpio gpio, IOptions<IndicatorOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _gpio = gpio;
        _options = options.Value;
        _time = time;
    }

    /// <summary>The colour shown now.</summary>
    public IndicatorColor Color { get; private set; } = IndicatorColor.Off;

    /// <summary>The colour for a mode and fault state: red on a fault, amber offline, green otherwise.</summary>
    public static IndicatorColor ColorFor(OperatingMode mode, bool fault) =>
        fault ? IndicatorColor.Red : mode == OperatingMode.Offline ? IndicatorColor.Amber : IndicatorColor.Green;

    /// <summary>The buzzer pattern's (on, off) steps.</summary>
    public static IReadOnlyList<(TimeSpan On, TimeSpan Off)> Steps(BeepPattern pattern) => pattern switch
    {
        BeepPattern.Accepted => [(Ms(120), Ms(0))],
        BeepPattern.Refused => [(Ms(90), Ms(90)), (Ms(90), Ms(90)), (Ms(90), Ms(0))],
        BeepPattern.Fault => [(Ms(800), Ms(0))],
        _ => [(Ms(90), Ms(120)), (Ms(90), Ms(0))],
    };

    /// <summary>Shows <paramref name="color"/> (idempotent).</summary>
    public void Show(IndicatorColor color)
    {
        var controller = _gpio.Controller;
        lock (_gate)
        {
            Color = color;
            if (controller is null)
            {
                return;
            }

            OpenOutputs(controller);
            var green = color == IndicatorColor.Green || (color == IndicatorColor.Amber && _options.AmberPin is null);
            var red = color == IndicatorColor.Red || (color == IndicatorColor.Amber && _options.AmberPin is null);
            var amber = color == IndicatorColor.Amber && _options.AmberPin is not null;
            Set(controller, _options.GreenPin, green);
            Set(controller, _options.AmberPin, amber);
            Set(controller, _options.RedPin, red);
        }
    }

    /// <summary>Plays a buzzer pattern; patterns do not overlap (a second waits for the first). No-op without a buzzer pin.</summary>
    public async Task BeepAsync(BeepPattern pattern, CancellationToken cancellationToken)
    {
        var controller = _gpio.Controller;
        if (controller is null || _options.BuzzerPin is null)
        {
            return;
        }

        await _buzzer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                OpenOutputs(controller);
            }

            foreach (var (on, off) in Steps(pattern))
            {
                try
                {
                    Set(controller, _options.BuzzerPin, true);
                    await Task.Delay(on, _time, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    Set(controller, _options.BuzzerPin, false);
                }

                if (off > TimeSpan.Zero)
                {
                    await Task.Delay(off, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _buzzer.Release();
        }
    }

    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    private void OpenOutputs(GpioController controller)
    {
        if (_opened)
        {
            return;
        }

        var off = _options.ActiveLow ? PinValue.High : PinValue.Low;
        foreach (var pin in new[] { _options.GreenPin, _options.AmberPin, _options.RedPin, _options.BuzzerPin })
        {
            if (pin is { } p && !controller.IsPinOpen(p))
            {
                controller.OpenPin(p, PinMode.Output, off);
            }
        }

        _opened = true;
    }

    private void Set(GpioController controller, int? pin, bool on)
    {
        if (pin is { } p)
        {
            controller.Write(p, on != _options.ActiveLow ? PinValue.High : PinValue.Low);
        }
    }
}
