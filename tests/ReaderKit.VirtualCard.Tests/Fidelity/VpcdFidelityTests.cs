using System.Diagnostics;
using ReaderKit.Pcsc;
using ReaderKit.Tests.Shared.Pcsc;
using ReaderKit.VirtualCard.Tests.Fidelity.Pcsc;
using ReaderKit.VirtualCard.Vpcd;

namespace ReaderKit.VirtualCard.Tests.Fidelity;

/// <summary>
/// The whole fidelity table through real PC/SC: a private pcscd (<see cref="PcscdSandbox"/>) with vsmartcard's vpcd reader,
/// the virtual card served on loopback by <see cref="VpcdCardServer"/>, APDUs sent with libpcsclite's SCardTransmit. Each row gets
/// a fresh card (swapped into the reader, then a reset), sent through the production PC/SC transport (<c>ReaderKit.Pcsc</c>, shared
/// mode). Nothing is skipped: if pcscd cannot run here the test fails and says why.
/// </summary>
public sealed class VpcdFidelityTests(CardFixture fixture) : IClassFixture<CardFixture>
{
    [Fact]
    public async Task Every_row_through_vpcd_and_pcscd()
    {
        var (slot0, slot1) = PcscdSandbox.ListenOnLoopbackPair();
        using var stop = new CancellationTokenSource();
        var port = ((System.Net.IPEndPoint)slot0.LocalEndpoint).Port;
        var server = new VpcdCardServer(new VirtualMyNumberCard(fixture.Image("yamada-taro")));
        var spare = new VpcdCardServer(new VirtualMyNumberCard(fixture.Image("yamada-taro"))); // vpcd always opens a second slot
        var serving = Task.WhenAll(server.ListenAsync(slot0, stop.Token), spare.ListenAsync(slot1, stop.Token));
        var failures = new List<string>();
        var passed = 0;
        try
        {
            using (var pcscd = PcscdSandbox.Start(port, TimeSpan.FromSeconds(30)))
            {
                pcscd.UseForThisProcess();
                using (var context = PcscContext.Establish())
                {
                    var connection = Connect(context, pcscd, TimeSpan.FromSeconds(30));
                    try
                    {
                        foreach (var row in FidelityRows.All)
                        {
                            var image = fixture.Image(row.Persona);
                            if (row.Profile is { } profile)
                            {
                                image = image with { Profile = profile };
                            }

                            var card = new VirtualMyNumberCard(image);
                            server.Card = card;
                            connection.Reset(exclusive: false); // the reader sees the swapped card: new ATR, fresh state
                            try
                            {
                                await row.Check(new PcscScript(image, card, connection));
                                passed++;
                            }
#pragma warning disable CA1031 // every row's failure is collected and reported together
                            catch (Exception e)
#pragma warning restore CA1031
                            {
                                failures.Add($"{row.Id}: {e.GetType().Name}: {e.Message}");
                            }
                        }
                    }
                    finally
                    {
                        await connection.DisposeAsync();
                    }
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            slot0.Stop();
            slot1.Stop();
            await serving;
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {FidelityRows.All.Count} rows failed through vpcd + pcscd ({passed} passed):\n{string.Join("\n", failures)}");
        Assert.Equal(FidelityRows.All.Count, passed);
    }

    /// <summary>Waits for the vpcd reader and the card in it, then connects (T=1, shared, leaving the card as it is).</summary>
    private static PcscCardConnection Connect(PcscContext context, PcscdSandbox pcscd, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string last = "no reader";
        while (clock.Elapsed < timeout)
        {
            if (context.ListReaders().Contains(pcscd.ReaderName))
            {
                try
                {
                    return context.Connect(pcscd.ReaderName, exclusive: false, disposition: PcscDisposition.Leave);
                }
                catch (PcscException e)
                {
                    last = e.CodeName;
                }
            }

            Thread.Sleep(100);
        }

        throw new InvalidOperationException($"The vpcd reader '{pcscd.ReaderName}' or its card did not appear within {timeout.TotalSeconds:0} s (last: {last}). pcscd said:\n{pcscd.Log}");
    }
}
