using System.Device.Gpio;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Gpio;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Outage;
using ReaderKit.Host.Status;
using ReaderKit.VirtualGpio;

namespace ReaderKit.Host.Tests;

public sealed class OutageTests
{
    private const int PowerPin = 6;
    private const int Green = 17;
    private const int Red = 22;
    private const int Amber = 27;

    private static readonly DateTimeOffset T = Fixtures.Start;

    [Fact]
    public void First_probe_decides_then_flips_need_consecutive_results()
    {
        var m = new ConnectivityMonitor(failuresToOffline: 2, successesToOnline: 3);
        Assert.Equal(OperatingMode.Unknown, m.Mode);
        Assert.Equal(new ModeChange(OperatingMode.Unknown, OperatingMode.Online, "probe-reachable", T), m.ObserveProbe(true, T));
        Assert.Null(m.ObserveProbe(false, T));
        Assert.Null(m.ObserveProbe(true, T));
        Assert.Null(m.ObserveProbe(false, T));
        Assert.Equal(OperatingMode.Offline, m.ObserveProbe(false, T)!.To);
        Assert.Null(m.ObserveProbe(true, T));
        Assert.Null(m.ObserveProbe(true, T));
        Assert.Equal(new ModeChange(OperatingMode.Offline, OperatingMode.Online, "probe-reachable", T), m.ObserveProbe(true, T));
    }

    [Fact]
    public void Power_failure_overrides_the_probe_and_restoring_power_returns_to_what_the_probe_says()
    {
        var m = new ConnectivityMonitor(1, 1);
        m.ObserveProbe(true, T);
        Assert.Equal(new ModeChange(OperatingMode.Online, OperatingMode.Offline, "power-fail", T), m.ObservePower(true, T));
        Assert.Null(m.ObserveProbe(true, T));
        Assert.Equal(new ModeChange(OperatingMode.Offline, OperatingMode.Online, "power-restored", T), m.ObservePower(false, T));
    }

    [Fact]
    public void Without_a_probe_the_mode_is_unknown_unless_power_failed()
    {
        var m = new ConnectivityMonitor(1, 1);
        Assert.Null(m.ObservePower(false, T));
        Assert.Equal(OperatingMode.Unknown, m.Mode);
        Assert.Equal(OperatingMode.Offline, m.ObservePower(true, T)!.To);
        Assert.Equal(OperatingMode.Unknown, m.ObservePower(false, T)!.To);
    }

    private sealed class ScriptedProbe : IReachabilityProbe
    {
        public Queue<bool> Results { get; } = new();

        public string Target => "scripted";

        public Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(new ProbeResult(Results.Dequeue(), "scripted"));
    }

    private sealed record Rig(OutageMonitor Monitor, VirtualGpioDriver Driver, TapJournal Journal, HostHealth Health, FakeTimeProvider Time, ScriptedProbe Probe, IDisposable Cleanup);

    private static Rig MakeRig(TempDir dir, TimeSpan debounce)
    {
        var time = new FakeTimeProvider(T);
        var driver = new VirtualGpioDriver(time: time);
        var indicatorOptions = new IndicatorOptions { GreenPin = Green, AmberPin = Amber, RedPin = Red };
        var outageOptions = new OutageOptions { PowerFailPin = PowerPin, PowerFailActiveLow = true, PowerFailDebounce = debounce, FailuresToOffline = 2, SuccessesToOnline = 1 };
        var gpio = new HostGpio(new VirtualGpioFactory(driver), Fixtures.Options(indicatorOptions), Fixtures.Options(outageOptions));
        var health = new HostHealth(new StatusIndicator(gpio, Fixtures.Options(indicatorOptions), time));
        var (keys, journal) = Fixtures.OpenJournal(dir, time);
        var power = new PowerFailInput(gpio, Fixtures.Options(outageOptions));
        var probe = new ScriptedProbe();
        var monitor = new OutageMonitor(Fixtures.Options(outageOptions), probe, power, journal, health, time, NullLogger<OutageMonitor>.Instance);
        power.Start();
        return new Rig(monitor, driver, journal, health, time, probe, new Disposer(monitor, power, journal, keys, gpio));
    }

    private sealed class Disposer(params IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var d in items)
            {
                d.Dispose();
            }
        }
    }

    [Fact]
    public async Task Probe_and_ups_transitions_are_journaled_shown_on_the_led_and_announced()
    {
        using var dir = new TempDir();
        var rig = MakeRig(dir, TimeSpan.FromMilliseconds(500));
        using (rig.Cleanup)
        {
            var changes = new List<ModeChange>();
            rig.Monitor.ModeChanged += (_, c) => changes.Add(c);
            rig.Driver.SetInput(PowerPin, PinValue.High); // mains present (active-low input)
            rig.Monitor.SamplePower();
            Assert.Equal(OperatingMode.Unknown, rig.Monitor.Mode);

            rig.Probe.Results.Enqueue(true);
            await rig.Monitor.ProbeOnceAsync(CancellationToken.None);
            Assert.Equal(OperatingMode.Online, rig.Health.Mode);
            Assert.Equal(PinValue.High, rig.Driver.ValueOf(Green));

            // UPS reports power failure: a raw edge, debounced 500 ms, then offline → amber.
            rig.Driver.SetInput(PowerPin, PinValue.Low);
            var edge = rig.Monitor.OnPowerEdgeAsync(CancellationToken.None);
            Assert.Equal(OperatingMode.Online, rig.Monitor.Mode);
            rig.Time.Advance(TimeSpan.FromMilliseconds(500));
            await edge;
            Assert.Equal(OperatingMode.Offline, rig.Monitor.Mode);
            Assert.Equal((PinValue.Low, PinValue.High, PinValue.Low), (rig.Driver.ValueOf(Green), rig.Driver.ValueOf(Amber), rig.Driver.ValueOf(Red)));
            Assert.True(rig.Health.PowerFailed);

            // Power back → online again (the probe still says reachable).
            rig.Driver.SetInput(PowerPin, PinValue.High);
            var back = rig.Monitor.OnPowerEdgeAsync(CancellationToken.None);
            rig.Time.Advance(TimeSpan.FromMilliseconds(500));
            await back;
            Assert.Equal(OperatingMode.Online, rig.Monitor.Mode);

            // Two failed probes → offline.
            rig.Probe.Results.Enqueue(false);
            rig.Probe.Results.Enqueue(false);
            await rig.Monitor.ProbeOnceAsync(CancellationToken.None);
            Assert.Equal(OperatingMode.Online, rig.Monitor.Mode);
            await rig.Monitor.ProbeOnceAsync(CancellationToken.None);
            Assert.Equal(OperatingMode.Offline, rig.Monitor.Mode);

            var expected = new[] { "probe-reachable", "power-fail", "power-restored", "probe-unreachable" };
            Assert.Equal(expected, changes.Select(c => c.Reason));
            Assert.Equal(expected, rig.Journal.ModeChanges(DateTimeOffset.MinValue).Select(c => c.Reason));
        }
    }

    [Fact]
    public async Task A_power_glitch_shorter_than_the_debounce_changes_nothing()
    {
        using var dir = new TempDir();
        var rig = MakeRig(dir, TimeSpan.FromMilliseconds(500));
        using (rig.Cleanup)
        {
            rig.Driver.SetInput(PowerPin, PinValue.High);
            rig.Probe.Results.Enqueue(true);
            await rig.Monitor.ProbeOnceAsync(CancellationToken.None);

            rig.Driver.SetInput(PowerPin, PinValue.Low);
            var first = rig.Monitor.OnPowerEdgeAsync(CancellationToken.None);
            rig.Time.Advance(TimeSpan.FromMilliseconds(200));
            rig.Driver.SetInput(PowerPin, PinValue.High);
            var second = rig.Monitor.OnPowerEdgeAsync(CancellationToken.None);
            rig.Time.Advance(TimeSpan.FromMilliseconds(600));
            await Task.WhenAll(first, second);
            Assert.Equal(OperatingMode.Online, rig.Monitor.Mode);
            Assert.Single(rig.Journal.ModeChanges(DateTimeOffset.MinValue));
        }
    }

    [Fact]
    public async Task Tcp_probe_reaches_a_local_listener_and_not_a_closed_port()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var up = await new TcpReachabilityProbe(new TcpProbeTarget("127.0.0.1", port), TimeSpan.FromSeconds(5)).ProbeAsync(CancellationToken.None);
        Assert.True(up.Reachable, up.Detail);
        listener.Stop();
        var down = await new TcpReachabilityProbe(new TcpProbeTarget("127.0.0.1", port), TimeSpan.FromSeconds(5)).ProbeAsync(CancellationToken.None);
        Assert.False(down.Reachable);
        Assert.Equal("ConnectionRefused", down.Detail);
    }

    [Fact]
    public async Task Https_head_probe_needs_a_valid_tls_answer()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var cert = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var methods = new List<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                await using var tls = new SslStream(client.GetStream());
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                handshake.CancelAfter(TimeSpan.FromSeconds(5));
                try
                {
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = cert }, handshake.Token);
                    var buffer = new byte[4096];
                    var n = await tls.ReadAsync(buffer, handshake.Token);
                    lock (methods)
                    {
                        methods.Add(Encoding.ASCII.GetString(buffer, 0, n).Split(' ')[0]);
                    }

                    await tls.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), handshake.Token);
                    await tls.FlushAsync(handshake.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    // The strict client refuses the self-signed certificate mid-handshake.
                }
            }
        }

        var server = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                _ = ServeAsync(client);
            }
        });

        var uri = new Uri($"https://127.0.0.1:{port}/health");

        // The production probe validates certificates normally: a self-signed server is not "reachable".
        using (var strict = new HttpsHeadReachabilityProbe(uri, TimeSpan.FromSeconds(10)))
        {
            var r = await strict.ProbeAsync(CancellationToken.None);
            Assert.False(r.Reachable);
        }

        // A handler that trusts exactly this certificate (as a pinned private CA would): reachable, and it was a HEAD.
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, c, _, _) => c is not null && c.GetCertHashString() == cert.GetCertHashString() },
        };
        using (var pinned = new HttpsHeadReachabilityProbe(uri, TimeSpan.FromSeconds(10), handler))
        {
            var r = await pinned.ProbeAsync(CancellationToken.None);
            Assert.Equal("HTTP 204", r.Detail);
            Assert.True(r.Reachable, r.Detail);
            Assert.Equal("HTTP 204", r.Detail);
        }

        lock (methods)
        {
            Assert.Contains("HEAD", methods);
        }

        await stop.CancelAsync();
        listener.Stop();
        await Assert.ThrowsAnyAsync<Exception>(() => server);
    }

    [Fact]
    public void No_probe_is_built_without_explicit_configuration()
    {
        Assert.Null(ReachabilityProbes.Create(new OutageOptions()));
        Assert.IsType<TcpReachabilityProbe>(ReachabilityProbes.Create(new OutageOptions { ProbeKind = "tcp", ProbeAddress = "127.0.0.1:1" }));
    }
}
