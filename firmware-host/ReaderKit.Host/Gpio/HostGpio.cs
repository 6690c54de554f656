using System.Device.Gpio;
using Microsoft.Extensions.Options;
using ReaderKit.Host.Configuration;

namespace ReaderKit.Host.Gpio;

/// <summary>
/// The host's one GPIO controller, opened on first use and only when some pin (indicator or power-fail) is configured;
/// a host with no pins configured never touches <c>/dev/gpiochip*</c>.
/// </summary>
public sealed class HostGpio : IDisposable
{
    private readonly IGpioControllerFactory _factory;
    private readonly int _chip;
    private readonly bool _needed;
    private readonly Lock _gate = new();
    private GpioController? _controller;

    public HostGpio(IGpioControllerFactory factory, IOptions<IndicatorOptions> indicator, IOptions<OutageOptions> outage)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(outage);
        _factory = factory;
        var i = indicator.Value;
        _chip = i.Chip;
        _needed = i.GreenPin is not null || i.AmberPin is not null || i.RedPin is not null || i.BuzzerPin is not null || outage.Value.PowerFailPin is not null;
    }

    /// <summary>True when some pin is configured.</summary>
    public bool Needed => _needed;

    /// <summary>The controller (opened now if needed), or null when no pin is configured.</summary>
    public GpioController? Controller
    {
        get
        {
            if (!_needed)
            {
                return null;
            }

            lock (_gate)
            {
                return _controller ??= _factory.Open(_chip);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _controller?.Dispose();
            _controller = null;
        }
    }
}
