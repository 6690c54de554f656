using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Gpio;
using ReaderKit.Host.Outage;
using ReaderKit.VirtualGpio;

namespace ReaderKit.Host.Tests;

/// <summary>A controller over the simulated driver, counting how often the host asked for one.</summary>
internal sealed class VirtualGpioFactory(VirtualGpioDriver driver) : IGpioControllerFactory
{
    public int Opened { get; private set; }

    public GpioController Open(int chip)
    {
        Opened++;
        return new GpioController(driver);
    }
}

public sealed class GpioIndicatorTests
{
    private const int Green = 17;
    private const int Amber = 27;
    private const int Red = 22;
    private const int Buzzer = 23;

    private static (StatusIndicator Indicator, VirtualGpioDriver Driver, VirtualGpioFactory Factory, HostGpio Gpio) Make(IndicatorOptions options, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var driver = new VirtualGpioDriver(time: time); // write stamps on the same clock as the indicator's delays
        var factory = new VirtualGpioFactory(driver);
        var gpio = new HostGpio(factory, Fixtures.Options(options), Fixtures.Options(new OutageOptions()));
        return (new StatusIndicator(gpio, Fixtures.Options(options), time), driver, factory, gpio);
    }

    [Fact]
    public void Each_colour_drives_its_led_and_turns_the_others_off()
    {
        var (indicator, driver, _, gpio) = Make(new IndicatorOptions { GreenPin = Green, AmberPin = Amber, RedPin = Red });
        using (gpio)
        {
            indicator.Show(IndicatorColor.Green);
            Assert.Equal((PinValue.High, PinValue.Low, PinValue.Low), (driver.ValueOf(Green), driver.ValueOf(Amber), driver.ValueOf(Red)));
            indicator.Show(IndicatorColor.Amber);
            Assert.Equal((PinValue.Low, PinValue.High, PinValue.Low), (driver.ValueOf(Green), driver.ValueOf(Amber), driver.ValueOf(Red)));
            indicator.Show(IndicatorColor.Red);
            Assert.Equal((PinValue.Low, PinValue.Low, PinValue.High), (driver.ValueOf(Green), driver.ValueOf(Amber), driver.ValueOf(Red)));
            indicator.Show(IndicatorColor.Off);
            Assert.Equal((PinValue.Low, PinValue.Low, PinValue.Low), (driver.ValueOf(Green), driver.ValueOf(Amber), driver.ValueOf(Red)));
            Assert.Equal(PinMode.Output, driver.OpenPins[Green]);
        }
    }

    [Fact]
    public void A_two_colour_led_shows_amber_as_green_plus_red_and_active_low_inverts()
    {
        var (indicator, driver, _, gpio) = Make(new IndicatorOptions { GreenPin = Green, RedPin = Red, ActiveLow = true });
        using (gpio)
        {
            indicator.Show(IndicatorColor.Amber);
            Assert.Equal((PinValue.Low, PinValue.Low), (driver.ValueOf(Green), driver.ValueOf(Red)));
            indicator.Show(IndicatorColor.Green);
            Assert.Equal((PinValue.Low, PinValue.High), (driver.ValueOf(Green), driver.ValueOf(Red)));
        }
    }

    [Fact]
    public void Without_pins_no_gpio_is_opened()
    {
        var (indicator, driver, factory, gpio) = Make(new IndicatorOptions());
        using (gpio)
        {
            indicator.Show(IndicatorColor.Red);
            Assert.Equal(IndicatorColor.Red, indicator.Color);
            Assert.Equal(0, factory.Opened);
            Assert.Empty(driver.Writes);
        }
    }

    [Fact]
    public async Task The_refused_pattern_is_three_beeps_with_the_documented_timing()
    {
        var time = new FakeTimeProvider(Fixtures.Start);
        var (indicator, driver, _, gpio) = Make(new IndicatorOptions { BuzzerPin = Buzzer }, time);
        using (gpio)
        {
            var beep = indicator.BeepAsync(BeepPattern.Refused, CancellationToken.None);
            while (!beep.IsCompleted)
            {
                await Task.Delay(5);
                time.Advance(TimeSpan.FromMilliseconds(10));
            }

            await beep;
            // The first write is the pin's initial Low when it is opened as an output.
            var writes = driver.Writes.Where(w => w.Pin == Buzzer).Skip(1).ToList();
            Assert.Equal([PinValue.High, PinValue.Low, PinValue.High, PinValue.Low, PinValue.High, PinValue.Low], writes.Select(w => w.Value));
            // Lower bounds only: the fake clock keeps stepping while a continuation is scheduled, so an upper bound would measure the machine's load.
            Assert.True(writes[1].At - writes[0].At >= TimeSpan.FromMilliseconds(90));
            Assert.True(writes[2].At - writes[1].At >= TimeSpan.FromMilliseconds(90));
            Assert.Equal(PinValue.Low, driver.ValueOf(Buzzer));
        }
    }

    [Fact]
    public async Task A_cancelled_beep_leaves_the_buzzer_off()
    {
        var time = new FakeTimeProvider(Fixtures.Start);
        var (indicator, driver, _, gpio) = Make(new IndicatorOptions { BuzzerPin = Buzzer }, time);
        using (gpio)
        using (var cts = new CancellationTokenSource())
        {
            var beep = indicator.BeepAsync(BeepPattern.Fault, cts.Token);
            Assert.Equal(PinValue.High, driver.ValueOf(Buzzer));
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => beep);
            Assert.Equal(PinValue.Low, driver.ValueOf(Buzzer));
        }
    }

    [Theory]
    [InlineData(OperatingMode.Online, false, IndicatorColor.Green)]
    [InlineData(OperatingMode.Unknown, false, IndicatorColor.Green)]
    [InlineData(OperatingMode.Offline, false, IndicatorColor.Amber)]
    [InlineData(OperatingMode.Online, true, IndicatorColor.Red)]
    [InlineData(OperatingMode.Offline, true, IndicatorColor.Red)]
    public void Colour_follows_mode_and_faults(OperatingMode mode, bool fault, IndicatorColor colour) =>
        Assert.Equal(colour, StatusIndicator.ColorFor(mode, fault));

    [Fact]
    public void The_virtual_driver_fires_edges_only_on_change_and_refuses_unopened_pins()
    {
        var driver = new VirtualGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(5, PinMode.InputPullUp);
        Assert.Equal(PinValue.High, controller.Read(5));
        var edges = new List<PinEventTypes>();
        controller.RegisterCallbackForPinValueChangedEvent(5, PinEventTypes.Falling | PinEventTypes.Rising, (_, e) => edges.Add(e.ChangeType));
        driver.SetInput(5, PinValue.Low);
        driver.SetInput(5, PinValue.Low);
        driver.SetInput(5, PinValue.High);
        Assert.Equal([PinEventTypes.Falling, PinEventTypes.Rising], edges);
        Assert.ThrowsAny<Exception>(() => controller.Read(6));
    }
}
