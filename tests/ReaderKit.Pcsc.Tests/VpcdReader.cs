using System.Net;
using System.Security.Cryptography;
using System.Text;
using ReaderKit.Card.Credentials;
using ReaderKit.Tap;
using ReaderKit.Tap.Devices;
using ReaderKit.Tests.Shared.Pcsc;
using ReaderKit.Trust;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;
using ReaderKit.VirtualCard.Vpcd;

namespace ReaderKit.Pcsc.Tests;

/// <summary>
/// One private pcscd (<see cref="PcscdSandbox"/>) for the whole test run, with vsmartcard's vpcd reader in server mode and a
/// <see cref="VpcdCardServer"/> connecting to it over loopback — what the simulator's <c>vpcd</c> verb does without
/// <c>--listen</c>, and the mode in which a card can be removed mid-read and put back. libpcsclite reads
/// the socket path once per process, so every pcscd test shares this fixture (one collection, run one after another).
/// </summary>
public sealed class VpcdReader : IAsyncLifetime
{
    public const string FriendlyName = "ReaderKit PCSC Test";
    public static readonly DateTimeOffset At = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    private static readonly IChipPhotoSource StandInPhotos = new DelegateChipPhotoSource(p =>
    {
        var body = SHA256.HashData(Encoding.UTF8.GetBytes(p.DataIdentity));
        return [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A, .. Enumerable.Range(0, 2000).Select(i => body[i % 32])];
    });

    private static readonly Lazy<TrustStore> Store = new(() => TrustStore.Production.WithJson(TestPki.Default.ExportTrustJson(), "TestPki.Default"));
    private readonly CancellationTokenSource _stop = new();
    private Task? _serving;

    public VpcdCardServer Server { get; private set; } = null!;

    internal PcscdSandbox Pcscd { get; private set; } = null!;

    /// <summary>The first slot's reader name (vpcd also shows a second, empty slot).</summary>
    public string ReaderName => Pcscd.ReaderName;

    public static VirtualMyNumberCard CardOf(string persona) => VirtualMyNumberCard.Create(PersonaCatalog.Get(persona), StandInPhotos);

    public static VerificationNumberB NumberB(string persona, string? securityCode = null)
    {
        var p = PersonaCatalog.Get(persona);
        return VerificationNumberB.Create(p.Holder.DateOfBirth, p.ExpiryDate.Year, securityCode ?? p.SecurityCode,
            p.Holder.IsForeignResident ? BirthDateNotation.Western : BirthDateNotation.JapaneseEra);
    }

    public static CardTapOptions Options(TimeSpan? cardWait = null, TimeSpan? apduTimeout = null) => new()
    {
        ApduTimeout = apduTimeout,
        Trust = new TrustOptions { TrustStore = Store.Value, AllowTestAnchors = true },
        CardWait = cardWait ?? TimeSpan.FromSeconds(10),
        CardPollInterval = TimeSpan.FromMilliseconds(100),
        TapDeadline = TimeSpan.FromSeconds(60),
    };

    public CardTap Tap(string? readerName = null, TimeSpan? cardWait = null, TimeSpan? apduTimeout = null) =>
        new(Options(cardWait, apduTimeout), new PcscCardLinkFactory(readerName ?? ReaderName), clock: new FixedNowClock());

    /// <summary>Puts a fresh card of <paramref name="persona"/> in the reader and waits until pcscd sees a card.</summary>
    public async Task<VirtualMyNumberCard> InsertAsync(string persona)
    {
        var card = CardOf(persona);
        Server.Card = card;
        Server.CardPresent = true;
        using var context = PcscContext.Establish();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await context.WaitForCardAsync(ReaderName, TimeSpan.FromMilliseconds(100), wait.Token);
        return card;
    }

    public async Task InitializeAsync()
    {
        if (!PcscdSandbox.ToolsInstalled)
        {
            return;
        }

        // The card server answers vpcd on this process's thread pool, where every SCardTransmit and SCardGetStatusChange
        // of the code under test blocks a worker: with the pool's default minimum (one per core), an answer can wait for
        // the pool to inject a thread, long enough on a loaded machine to run out an APDU deadline. A real card does not
        // live in the reader's process, so the test world gets the threads it needs up front.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), completionPorts);

        // vpcd in server mode (it listens, the card connects), so a card can leave mid-read and come back: two consecutive
        // free ports are found, released, and handed to vpcd.
        var (slot0, slot1) = PcscdSandbox.ListenOnLoopbackPair();
        var port = ((IPEndPoint)slot0.LocalEndpoint).Port;
        slot0.Stop();
        slot1.Stop();
        Server = new VpcdCardServer(CardOf("yamada-taro")) { ReconnectDelay = TimeSpan.FromMilliseconds(100) };
        var spare = new VpcdCardServer(CardOf("yamada-taro")) { ReconnectDelay = TimeSpan.FromMilliseconds(250) }; // vpcd always opens a second slot
        Pcscd = PcscdSandbox.Start(port, TimeSpan.FromSeconds(30), FriendlyName, vpcdListens: true);
        _serving = Task.WhenAll(Server.RunAsync("127.0.0.1", port, _stop.Token), spare.RunAsync("127.0.0.1", port + 1, _stop.Token));
        Pcscd.UseForThisProcess();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var context = PcscContext.Establish();
        while (!context.ListReaders().Contains(ReaderName))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"pcscd did not list '{ReaderName}' within 30 s:\n{Pcscd.Log}");
            }

            await Task.Delay(100);
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await context.WaitForCardAsync(ReaderName, TimeSpan.FromMilliseconds(100), wait.Token);
    }

    public async Task DisposeAsync()
    {
        if (_serving is null)
        {
            return;
        }

        Pcscd.Dispose();
        await _stop.CancelAsync();
        await _serving;
        _stop.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class VpcdCollection : ICollectionFixture<VpcdReader>
{
    public const string Name = "pcscd + vpcd";
}

/// <summary>The verification instant fixed at <see cref="VpcdReader.At"/>; timers are the system's.</summary>
internal sealed class FixedNowClock : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => VpcdReader.At;
}
