using Microsoft.Extensions.DependencyInjection;
using ReaderKit.Host.Composition;
using ReaderKit.Host.Gpio;
using ReaderKit.Host.Rpc;
using ReaderKit.Nfc;
using ReaderKit.Face.Verification;
using ReaderKit.Simulation;
using ReaderKit.VirtualCamera.Kiosk;

namespace ReaderKit.Host.Tests;

/// <summary>The simulated world reached only through the production link classes and the camera interface, and its composition into the host.</summary>
public sealed class SimulatedWorldTests
{
    [Theory]
    [InlineData("i2c")]
    [InlineData("spi")]
    [InlineData("hsu")]
    public async Task The_production_pn532_driver_finds_the_personas_card_over_each_emulated_link_and_sees_it_leave(string link)
    {
        using var world = new SimulatedReaderWorld(new SimulatedWorldOptions { Link = link, Pacing = false, Persona = "sato-hanako" });
        await using var chip = new Pn532(world.OpenLink());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var firmware = await chip.InitializeAsync(deadline.Token);
        Assert.True(firmware.Version >= 1);
        Assert.NotNull(await chip.ListTypeBTargetAsync(deadline.Token));
        Assert.Equal("sato-hanako", world.Card!.Persona.Name);

        world.RemoveCard();
        Assert.Null(await chip.ListTypeBTargetAsync(deadline.Token));
        world.Present("clone");
        Assert.NotNull(await chip.ListTypeBTargetAsync(deadline.Token));
        Assert.True(world.Card!.Persona.IsClone);
    }

    [Fact]
    public async Task The_camera_is_the_kiosk_camera_and_shows_each_scene_as_the_presentation_says()
    {
        using var world = new SimulatedReaderWorld(new SimulatedWorldOptions { Pacing = false });
        string[] scenes = ["live", "print", "waved-print", "screen", "other-person"];
        KioskPresentation[] expected = [KioskPresentation.LiveHead, KioskPresentation.PrintStill, KioskPresentation.PrintWaved, KioskPresentation.ScreenReplay, KioskPresentation.LiveHead];
        for (var i = 0; i < scenes.Length; i++)
        {
            world.Present("yamada-taro", scenes[i]);
            var camera = Assert.IsType<VirtualKioskCamera>(world.OpenCamera());
            Assert.Equal(expected[i], camera.Presentation);
            Assert.IsAssignableFrom<IChallengePrompter>(camera); // the face check's prompts reach the person in front of it
            var frames = await Read(camera, 2);
            Assert.All(frames, f => Assert.True(f is [0xFF, 0xD8, ..], "a JPEG frame"));
        }

        Assert.Contains("other-person", world.CameraScene, StringComparison.Ordinal);
        world.RemoveCard();
        Assert.Equal(KioskPresentation.LiveHead, Assert.IsType<VirtualKioskCamera>(world.OpenCamera()).Presentation); // the holder is still there
    }

    [Theory]
    [InlineData("mask")]
    [InlineData("")]
    [InlineData("video")]
    public void A_scene_the_virtual_camera_cannot_render_is_refused(string presentation)
    {
        using var world = new SimulatedReaderWorld(new SimulatedWorldOptions { Pacing = false });
        Assert.Throws<ArgumentException>(() => world.Present("yamada-taro", presentation));
        Assert.Throws<ArgumentException>(() => world.Present("nobody-at-all"));
    }

    [Fact]
    public async Task The_screen_scene_shows_a_moving_replay_on_a_pixel_grid_unlike_the_live_holder()
    {
        using var world = new SimulatedReaderWorld(new SimulatedWorldOptions { Pacing = false });
        var live = await Read(world.OpenCamera(), 4);
        world.Present("yamada-taro", "screen");
        var screen = await Read(world.OpenCamera(), 4);

        Assert.Contains("screen (yamada-taro)", world.CameraScene, StringComparison.Ordinal);
        Assert.True(screen.Select(Convert.ToHexString).Distinct().Count() > 1, "a replayed video moves");
        Assert.Empty(screen.Select(Convert.ToHexString).Intersect(live.Select(Convert.ToHexString)));
        Assert.True(GridEnergy(screen[0]) > 2 * GridEnergy(live[0]), $"display pixel grid: screen {GridEnergy(screen[0]):0.0} vs live {GridEnergy(live[0]):0.0}");
    }

    /// <summary>Mean absolute difference between horizontally adjacent green samples in the frame's centre (a display's RGB stripes make it large).</summary>
    private static double GridEnergy(byte[] jpeg)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(jpeg);
        double sum = 0;
        var n = 0;
        for (var y = bitmap.Height / 4; y < bitmap.Height * 3 / 4; y++)
        {
            for (var x = bitmap.Width / 4; x < bitmap.Width * 3 / 4; x++)
            {
                sum += Math.Abs(bitmap.GetPixel(x, y).Green - bitmap.GetPixel(x + 1, y).Green);
                n++;
            }
        }

        return sum / n;
    }

    [Fact]
    public void With_simulation_enabled_the_composition_hands_the_host_the_worlds_gpio_and_description()
    {
        using var dir = new TempDir();
        var builder = ReaderHost.CreateBuilder(
            ["--Reader:DeviceId=sim-1", "--Reader:Simulation:Enabled=true", "--Reader:Simulation:Link=i2c", "--Reader:Simulation:Pacing=false", $"--Journal:Path={dir.File("j.db")}", $"--Journal:KeyFile={dir.File("k.json")}"],
            _ => null);
        HostComposition.Compose(builder);
        using var host = builder.Build();
        var world = host.Services.GetRequiredService<SimulatedReaderWorld>();
        Assert.Equal("i2c", host.Services.GetRequiredService<IReaderDescription>().ReaderLink);
        using var controller = host.Services.GetRequiredService<IGpioControllerFactory>().Open(0);
        controller.OpenPin(17, System.Device.Gpio.PinMode.Output);
        controller.Write(17, System.Device.Gpio.PinValue.High);
        Assert.Equal(System.Device.Gpio.PinValue.High, world.Gpio.ValueOf(17));

        var real = ReaderHost.CreateBuilder(["--Reader:DeviceId=real-1", "--Reader:Simulation:Enabled=false"], _ => null);
        HostComposition.Compose(real);
        using var realHost = real.Build();
        Assert.Null(realHost.Services.GetService<SimulatedReaderWorld>());
        Assert.IsType<SystemGpioControllerFactory>(realHost.Services.GetRequiredService<IGpioControllerFactory>());
    }

    private static async Task<List<byte[]>> Read(ReaderKit.Face.Camera.IFrameSource camera, int count)
    {
        await using (camera)
        {
            await camera.StartAsync(CancellationToken.None);
            var frames = new List<byte[]>();
            for (var i = 0; i < count; i++)
            {
                frames.Add((await camera.ReadFrameAsync(CancellationToken.None)).EncodedImage);
            }

            return frames;
        }
    }
}
