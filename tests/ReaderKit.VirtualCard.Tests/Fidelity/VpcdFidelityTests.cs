using System.Diagnostics;
using System.Text;
using ReaderKit.VirtualCard.Tests.Fidelity.Pcsc;
using ReaderKit.VirtualCard.Vpcd;

namespace ReaderKit.VirtualCard.Tests.Fidelity;

/// <summary>
/// The whole fidelity table through real PC/SC: a private pcscd (<see cref="PcscdSandbox"/>) with vsmartcard's vpcd reader,
/// the virtual card served on loopback by <see cref="VpcdCardServer"/>, APDUs sent with libpcsclite's SCardTransmit. Each row gets
/// a fresh card (swapped into the reader, then a reset). Nothing is skipped: if pcscd cannot run here the test fails and says
/// why.
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
                Assert.Equal(0, PcscLite.SetEnv("PCSCLITE_CSOCK_NAME", pcscd.Socket, 1));
                PcscLite.Check(PcscLite.SCardEstablishContext(PcscLite.ScopeSystem, 0, 0, out var context), "SCardEstablishContext");
                try
                {
                    var handle = Connect(context, pcscd, TimeSpan.FromSeconds(30));
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
                            PcscScript.Reset(handle); // the reader sees the swapped card: new ATR, fresh state
                            try
                            {
                                await row.Check(new PcscScript(image, card, handle));
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
                        PcscLite.SCardDisconnect(handle, PcscLite.LeaveCard);
                    }
                }
                finally
                {
                    PcscLite.SCardReleaseContext(context);
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

    /// <summary>Waits for the vpcd reader and the card in it, then connects (T=1, shared).</summary>
    private static nint Connect(nint context, PcscdSandbox pcscd, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var last = 0u;
        while (clock.Elapsed < timeout)
        {
            nuint length = 0;
            if (PcscLite.Code(PcscLite.SCardListReaders(context, 0, null, ref length)) == 0 && length > 1)
            {
                var names = new byte[(int)length];
                PcscLite.SCardListReaders(context, 0, names, ref length);
                if (Encoding.UTF8.GetString(names).Split('\0').Contains(PcscdSandbox.ReaderName))
                {
                    var result = PcscLite.SCardConnect(context, PcscdSandbox.ReaderName, PcscLite.ShareShared, PcscLite.ProtocolT1, out var handle, out _);
                    last = PcscLite.Code(result);
                    if (last == 0)
                    {
                        return handle;
                    }
                }
            }

            Thread.Sleep(100);
        }

        throw new InvalidOperationException($"The vpcd reader '{PcscdSandbox.ReaderName}' or its card did not appear within {timeout.TotalSeconds:0} s (last SCardConnect 0x{last:X8}). pcscd said:\n{pcscd.Log}");
    }
}
