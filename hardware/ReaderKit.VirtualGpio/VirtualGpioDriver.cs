using System.Device.Gpio;

namespace ReaderKit.VirtualGpio;

/// <summary>
/// A simulated GPIO chip for a <see cref="GpioController"/>, standing where the kernel's gpiochip driver stands on a
/// Pi: the host opens pins, sets modes, writes outputs and subscribes to edges exactly as on hardware. Tests and the
/// simulator read back every output write in order (<see cref="Writes"/>, <see cref="ValueOf"/>) and drive inputs
/// from the outside world (<see cref="SetInput"/>), which fires the registered edge callbacks synchronously.
/// </summary>
/// <remarks>
/// Behaviour follows the documented <see cref="GpioDriver"/> contract: reads of an output pin return the last written
/// level; an input pin reads its driven level, else its pull (pull-up High, pull-down Low, floating Low [U]).
/// Callbacks fire only on a real level change. Opening a pin twice or using an unopened pin throws
/// <see cref="InvalidOperationException"/>, as the controller would have refused it first.
/// </remarks>
public sealed class VirtualGpioDriver : GpioDriver
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _pinCount;
    private readonly Dictionary<int, PinMode> _open = [];
    private readonly Dictionary<int, PinValue> _driven = [];
    private readonly Dictionary<int, PinValue> _latched = [];
    private readonly List<PinWrite> _writes = [];
    private readonly List<(int Pin, PinEventTypes Types, PinChangeEventHandler Handler)> _callbacks = [];

    /// <summary>Creates a chip with <paramref name="pinCount"/> lines (default 54, like the BCM2711's bank).</summary>
    public VirtualGpioDriver(int pinCount = 54, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pinCount, 1);
        _pinCount = pinCount;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Every output write so far, in order.</summary>
    public IReadOnlyList<PinWrite> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>The pins currently open, with their modes.</summary>
    public IReadOnlyDictionary<int, PinMode> OpenPins
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<int, PinMode>(_open);
            }
        }
    }

    /// <inheritdoc />
    protected override int PinCount => _pinCount;

    /// <summary>The level the pin shows now (an output's last write, an input's driven level or pull).</summary>
    public PinValue ValueOf(int pin)
    {
        lock (_gate)
        {
            return LevelLocked(pin);
        }
    }

    /// <summary>Forgets the write log (pin levels stay).</summary>
    public void ClearWrites()
    {
        lock (_gate)
        {
            _writes.Clear();
        }
    }

    /// <summary>Drives an input line from the outside world (a UPS power-fail output, a button); fires edge callbacks on a change.</summary>
    public void SetInput(int pin, PinValue value)
    {
        CheckRange(pin);
        List<PinChangeEventHandler> handlers;
        PinEventTypes type;
        lock (_gate)
        {
            var before = LevelLocked(pin);
            _driven[pin] = value;
            var after = LevelLocked(pin);
            type = before == after ? PinEventTypes.None : after == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            handlers = type == PinEventTypes.None ? [] : [.. _callbacks.Where(c => c.Pin == pin && (c.Types & type) != 0).Select(c => c.Handler)];
        }

        foreach (var handler in handlers)
        {
            handler(this, new PinValueChangedEventArgs(type, pin));
        }
    }

    /// <inheritdoc />
    protected override void OpenPin(int pinNumber)
    {
        CheckRange(pinNumber);
        lock (_gate)
        {
            if (!_open.TryAdd(pinNumber, PinMode.Input))
            {
                throw new InvalidOperationException($"Pin {pinNumber} is already open.");
            }
        }
    }

    /// <inheritdoc />
    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            _open.Remove(pinNumber);
            _latched.Remove(pinNumber);
            _callbacks.RemoveAll(c => c.Pin == pinNumber);
        }
    }

    /// <inheritdoc />
    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            RequireOpen(pinNumber);
            _open[pinNumber] = mode;
        }
    }

    /// <inheritdoc />
    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            RequireOpen(pinNumber);
            return _open[pinNumber];
        }
    }

    /// <inheritdoc />
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.Output or PinMode.InputPullUp or PinMode.InputPullDown;

    /// <inheritdoc />
    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            RequireOpen(pinNumber);
            return LevelLocked(pinNumber);
        }
    }

    /// <inheritdoc />
    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            RequireOpen(pinNumber);
            if (_open[pinNumber] != PinMode.Output)
            {
                throw new InvalidOperationException($"Pin {pinNumber} is not an output.");
            }

            _latched[pinNumber] = value;
            _writes.Add(new PinWrite(_writes.Count, pinNumber, value, _time.GetUtcNow()));
        }
    }

    /// <inheritdoc />
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        using var fired = new ManualResetEventSlim();
        var seen = PinEventTypes.None;
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
            RequireOpen(pinNumber);
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

    private PinValue LevelLocked(int pin)
    {
        var mode = _open.GetValueOrDefault(pin, PinMode.Input);
        if (mode == PinMode.Output)
        {
            return _latched.GetValueOrDefault(pin, PinValue.Low);
        }

        if (_driven.TryGetValue(pin, out var driven))
        {
            return driven;
        }

        return mode == PinMode.InputPullUp ? PinValue.High : PinValue.Low;
    }

    private void RequireOpen(int pin)
    {
        if (!_open.ContainsKey(pin))
        {
            throw new InvalidOperationException($"Pin {pin} is not open.");
        }
    }

    private void CheckRange(int pin)
    {
        if (pin < 0 || pin >= _pinCount)
        {
            throw new ArgumentOutOfRangeException(nameof(pin), pin, $"This chip has pins 0..{_pinCount - 1}.");
        }
    }
}
