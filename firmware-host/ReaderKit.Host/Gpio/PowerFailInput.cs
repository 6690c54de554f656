using System.Device.Gpio;
using Microsoft.Extensions.Options;
using ReaderKit.Host.Configuration;

namespace ReaderKit.Host.Gpio;

/// <summary>
/// The UPS HAT's power-fail output on a GPIO input (pull-up when active-low). Raw edges are reported through
/// <see cref="Edge"/>; debouncing is the caller's (<see cref="ReaderKit.Host.Outage.OutageMonitor"/>), which re-reads
/// <see cref="IsPowerFailed"/> after the debounce time.
/// </summary>
public sealed class PowerFailInput : IDisposable
{
    private readonly HostGpio _gpio;
    private readonly OutageOptions _options;
    private readonly Lock _gate = new();
    private GpioController? _controller;

    public PowerFailInput(HostGpio gpio, IOptions<OutageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _gpio = gpio;
        _options = options.Value;
    }

    /// <summary>Raised on every raw level change of the input (from the GPIO event thread).</summary>
    public event EventHandler? Edge;

    /// <summary>True when a power-fail pin is configured.</summary>
    public bool Configured => _options.PowerFailPin is not null;

    /// <summary>The raw level now, interpreted: true when the UPS reports a power failure. False when not configured.</summary>
    public bool IsPowerFailed
    {
        get
        {
            if (_options.PowerFailPin is not { } pin)
            {
                return false;
            }

            var controller = Open();
            var level = controller.Read(pin);
            return _options.PowerFailActiveLow ? level == PinValue.Low : level == PinValue.High;
        }
    }

    /// <summary>Opens the pin and subscribes to both edges (idempotent).</summary>
    public void Start()
    {
        if (_options.PowerFailPin is null)
        {
            return;
        }

        Open();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_controller is not null && _options.PowerFailPin is { } pin && _controller.IsPinOpen(pin))
            {
                _controller.UnregisterCallbackForPinValueChangedEvent(pin, OnChanged);
            }

            _controller = null;
        }
    }

    private GpioController Open()
    {
        lock (_gate)
        {
            if (_controller is not null)
            {
                return _controller;
            }

            var controller = _gpio.Controller ?? throw new InvalidOperationException("GPIO is not configured.");
            var pin = _options.PowerFailPin!.Value;
            controller.OpenPin(pin, _options.PowerFailActiveLow ? PinMode.InputPullUp : PinMode.InputPullDown);
            controller.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, OnChanged);
            _controller = controller;
            return controller;
        }
    }

    private void OnChanged(object sender, PinValueChangedEventArgs e) => Edge?.Invoke(this, EventArgs.Empty);
}
