using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ReaderKit.Apdu;
using ReaderKit.VirtualCard.Vpcd;

namespace ReaderKit.VirtualCard.Tests;

public sealed class VpcdAndTransportTests(CardFixture fixture) : IClassFixture<CardFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private static async Task Send(NetworkStream s, params byte[] payload)
    {
        var msg = new byte[2 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(msg, (ushort)payload.Length);
        payload.CopyTo(msg, 2);
        await s.WriteAsync(msg);
    }

    private static async Task<byte[]> Receive(NetworkStream s)
    {
        var header = new byte[2];
        await s.ReadExactlyAsync(header);
        var body = new byte[BinaryPrimitives.ReadUInt16BigEndian(header)];
        await s.ReadExactlyAsync(body);
        return body;
    }

    [Fact]
    public async Task Vpcd_protocol_power_atr_and_apdus_over_tcp_and_reconnect()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var card = fixture.Card();
        var server = new VpcdCardServer(card) { ReconnectDelay = TimeSpan.FromMilliseconds(50) };
        using var cts = new CancellationTokenSource(Generous);
        var run = server.RunAsync("127.0.0.1", port, cts.Token);

        for (var connection = 0; connection < 2; connection++)
        {
            using var peer = await listener.AcceptTcpClientAsync(cts.Token);
            var s = peer.GetStream();
            await Send(s, 0x01); // power on: no answer
            await Send(s, 0x04); // get ATR
            Assert.Equal("3B888001000005E0B381A1007F", Hex.Of(await Receive(s)));
            await Send(s, Hex.Bytes("00A4040C0AD3921000310001010402"));
            Assert.Equal("9000", Hex.Of(await Receive(s)));
            await Send(s, Hex.Bytes("00A4020C020004"));
            Assert.Equal("9000", Hex.Of(await Receive(s)));
            await Send(s, Hex.Bytes("00B0000005"));
            Assert.Equal("7F218202339000", Hex.Of(await Receive(s)));
            await Send(s, 0x02); // reset clears the current DF
            await Send(s, Hex.Bytes("00A4020C020004"));
            Assert.Equal("6A82", Hex.Of(await Receive(s)));
            await Send(s, 0x00); // power off
        } // closing the connection: the server reconnects

        await cts.CancelAsync();
        await run.WaitAsync(Generous);
    }

    [Fact]
    public void Vpcd_handle_ignores_unknown_control_bytes_and_empty_messages()
    {
        var server = new VpcdCardServer(fixture.Card());
        Assert.Null(server.Handle([0x07]));
        Assert.Null(server.Handle([]));
        Assert.Equal("6D00", Hex.Of(server.Handle(Hex.Bytes("00FF0000"))!));
    }

    [Fact]
    public async Task Vpcd_truncated_message_is_an_io_error_not_a_crash()
    {
        var server = new VpcdCardServer(fixture.Card());
        using var stream = new MemoryStream([0x00, 0x05, 0x00, 0xA4]);
        await Assert.ThrowsAsync<IOException>(() => server.ServeAsync(stream, CancellationToken.None));
        using var empty = new MemoryStream([]);
        await server.ServeAsync(empty, CancellationToken.None); // clean close
    }

    [Fact]
    public async Task Apdu_channel_over_direct_transport_reads_the_cvc_and_handles_61xx()
    {
        var card = fixture.Card();
        var transport = new VirtualCardTransport(card, maxResponseLength: 258);
        var channel = new ApduChannel(transport);
        var select = await channel.TransmitAsync(new CommandApdu(0x00, 0xA4, 0x04, 0x0C, Hex.Bytes("D3921000310001010402")));
        Assert.True(select.StatusWord.IsSuccess);
        var mf = new ApduChannel(new VirtualCardTransport(fixture.Card(), 258));
        var shortLe = await mf.TransmitAsync(new CommandApdu(0x00, 0xCA, 0x00, 0xF8, ne: 256));
        Assert.Equal(0x6700, shortLe.StatusWord.Value); // a 563-byte object wants an extended Le

        // A card without extended length chains it instead [U]: ApduChannel collects the 61xx chain with GET RESPONSE.
        var older = new VirtualMyNumberCard(fixture.Image("yamada-taro") with { Profile = Profiles.CardProfile.NoExtendedLength });
        var chained = await new ApduChannel(new VirtualCardTransport(older, 258)).TransmitAsync(new CommandApdu(0x00, 0xCA, 0x00, 0xF8, ne: 256));
        Assert.True(chained.StatusWord.IsSuccess);
        Assert.Equal(563, chained.Data.Length);
    }

    [Fact]
    public async Task Listen_mode_serves_vpcd_connecting_to_it_and_a_card_swap_shows_at_the_next_atr()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(1);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = new VpcdCardServer(fixture.Card());
        using var cts = new CancellationTokenSource(Generous);
        var serving = server.ListenAsync(listener, cts.Token);
        try
        {
            for (var connection = 0; connection < 2; connection++)
            {
                using var vpcd = new TcpClient();
                await vpcd.ConnectAsync(IPAddress.Loopback, port, cts.Token); // vpcd in DEVICENAME host:port mode is the client
                var s = vpcd.GetStream();
                await Send(s, 0x04);
                Assert.Equal(connection == 0 ? "3B888001000005E0B381A1007F" : "3B888001004B51FFB381D1000F", Hex.Of(await Receive(s)));
                await Send(s, Hex.Bytes("0084000004"));
                Assert.Equal(6, (await Receive(s)).Length);
                server.Card = new VirtualMyNumberCard(fixture.Image("yamada-taro") with { Profile = Profiles.CardProfile.Fwi13 });
            }
        }
        finally
        {
            await cts.CancelAsync();
            await serving;
            listener.Stop();
        }
    }

    [Fact]
    public async Task Removed_card_raises_card_removed_and_clears_state()
    {
        var card = fixture.Card();
        var transport = new VirtualCardTransport(card);
        await transport.TransceiveAsync(Hex.Bytes("00A4040C0AD3921000310001010402"), TimeSpan.FromSeconds(1), CancellationToken.None);
        transport.RemoveCard();
        var e = await Assert.ThrowsAsync<CardTransportException>(() =>
            transport.TransceiveAsync(Hex.Bytes("00A4020C020004"), TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Equal(CardTransportFailure.CardRemoved, e.Failure);
        Assert.Equal("6A82", card.Send("00A4020C020004").SwHex());
    }

    [Fact]
    public async Task Transport_honours_cancellation()
    {
        var transport = new VirtualCardTransport(fixture.Card());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            transport.TransceiveAsync(Hex.Bytes("00A40000"), TimeSpan.FromSeconds(1), cts.Token));
    }
}
