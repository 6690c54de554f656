using System.Device.Gpio;

namespace ReaderKit.Emulation.Pn532;

/// <summary>
/// A simulated GPIO chip for a <see cref="GpioController"/>: pin <see cref="ChipSelectPin"/> is wired to the emulated
/// PN532's NSS (writing Low selects it); every other pin is a plain latch (outputs read back, inputs read their pull).
/// Value-change callbacks and WaitForEvent work for all pins.
/// </summary>
public sealed class Pn532ChipSelectDriver : GpioDriver
{
    private readonly Pn532SpiAttachment _spi;
    private readonly object _gate = new();
    private readonly Dictionary<int, PinMode> _modes = [];
    private readonly Dictionary<int, PinValue> _values = [];
    private readonly List<(int Pin, PinEventTypes Types, PinChangeEventHandler Handler)> _callbacks = [];

    internal Pn532ChipSelectDriver(Pn532SpiAttachment spi, int chipSelectPin)
    {
        _spi = spi;
        ChipSelectPin = chipSelectPin;
        _values[chipSelectPin] = PinValue.High;
    }

    /// <summary>The NSS pin number.</summary>
    public int ChipSelectPin { get; }

    /// <inheritdoc />
    protected override int PinCount => 64;

    /// <summary>Sets an input pin's level from the outside world (fires callbacks).</summary>
    public void SetInput(int pin, PinValue value) => Change(pin, value);

    /// <inheritdoc />
    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            _modes.TryAdd(pinNumber, PinMode.Input);
            _values.TryAdd(pinNumber, PinValue.High);
        }
    }

    /// <inheritdoc />
    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            _modes.Remove(pinNumber);
            _callbacks.RemoveAll(c => c.Pin == pinNumber);
        }
    }

    /// <inheritdoc />
    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            _modes[pinNumber] = mode;
            if (mode == PinMode.InputPullDown)
            {
                _values[pinNumber] = PinValue.Low;
            }
            else if (mode == PinMode.InputPullUp)
            {
                _values[pinNumber] = PinValue.High;
            }
        }
    }

    /// <inheritdoc />
    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return _modes.GetValueOrDefault(pinNumber, PinMode.Input);
        }
    }

    /// <inheritdoc />
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    /// <inheritdoc />
    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            return _values.GetValueOrDefault(pinNumber, PinValue.High);
        }
    }

    /// <inheritdoc />
    protected override void Toggle(int pinNumber) => Write(pinNumber, !Read(pinNumber));

    /// <inheritdoc />
    protected override void Write(int pinNumber, PinValue value) => Change(pinNumber, value);

    /// <inheritdoc />
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        using var fired = new ManualResetEventSlim();
        PinEventTypes seen = PinEventTypes.None;
        void Handler(object sender, PinValueChangedEventArgs e)
        {
            seen = e.ChangeType;
            fired.Set();
        }

        AddCallbackForPinValueChangedEvent(pinNumber, eventTypes, Handler);
        try
        {
            fired.Wait(cancellationToken);
            return new WaitForEventResult { EventTypes = seen, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            RemoveCallbackForPinValueChangedEvent(pinNumber, Handler);
        }
    }

    /// <inheritdoc />
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            _callbacks.Add((pinNumber, eventTypes, callback));
        }
    }

    /// <inheritdoc />
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            _callbacks.RemoveAll(c => c.Pin == pinNumber && c.Handler == callback);
        }
    }

    private void Change(int pin, PinValue value)
    {
        List<PinChangeEventHandler> handlers;
        PinEventTypes type;
        lock (_gate)
        {
            PinValue old = _values.GetValueOrDefault(pin, PinValue.High);
            _values[pin] = value;
            if (old == value)
            {
                handlers = [];
                type = PinEventTypes.None;
            }
            else
            {
                type = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
                handlers = [.. _callbacks.Where(c => c.Pin == pin && (c.Types & type) != 0).Select(c => c.Handler)];
            }
        }

        if (pin == ChipSelectPin)
        {
            _spi.SetChipSelect(value == PinValue.Low);
        }

        foreach (var handler in handlers)
        {
            handler(this, new PinValueChangedEventArgs(type, pin));
        }
    }
}
