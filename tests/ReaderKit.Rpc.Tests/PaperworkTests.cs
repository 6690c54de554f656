using System.Text;
using ReaderKit.Contracts;
using ReaderKit.Protocol;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Messages;
using ReaderKit.Rpc.Tests.Fakes;

namespace ReaderKit.Rpc.Tests;

/// <summary><c>tap.printForm</c>: paperwork holds personal data, so only the tap's starter gets it, once the tap finished, with the fields it asked for.</summary>
public sealed class PaperworkTests
{
    private static NumberBInput GoodNumberB() => NumberBInput.FromParts(new DateOnly(1980, 2, 17), 2031, "1234");

    [Fact]
    public async Task The_starter_gets_the_pdf_with_the_fields_it_asked_for_and_nobody_else_does()
    {
        await using var server = await TestServer.StartAsync();
        await using var starter = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        var hello = await starter.HelloAsync(name: "counter");
        Assert.Contains(ServerCapabilities.Paperwork, hello.Capabilities);
        await using var other = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await other.HelloAsync(name: "other");
        using var numberB = GoodNumberB();
        var started = await starter.CallAsync<TapStartRequest, TapStarted>(RpcMethods.TapStart, new TapStartRequest(numberB, new TapOptions { Fields = [PersonalField.Name, PersonalField.Address] }));
        await starter.CallAsync<TapResultRequest, TapResultReply>(RpcMethods.TapGetResult, new TapResultRequest(started.TapId) { WaitMs = 5000 });

        var printed = await starter.CallAsync<PrintFormRequest, PrintedForm>(RpcMethods.TapPrintForm, new PrintFormRequest(started.TapId));
        Assert.Equal(started.TapId, printed.TapId);
        Assert.Equal("01JH-3K5M-8Q2R-7XZW", printed.RecordId);
        Assert.Equal("application/pdf", printed.ContentType);
        Assert.Equal("%PDF-1.7 fake form  address+name", Encoding.UTF8.GetString(printed.Pdf));
        Assert.Equal(32, printed.ReceiptHash.Length);

        var slip = await starter.CallAsync<PrintFormRequest, PrintedForm>(RpcMethods.TapPrintForm, new PrintFormRequest(started.TapId) { Kind = PrintFormRequest.SlipKind, SlipWidthMm = 58 });
        Assert.Equal("slip", slip.Kind);
        Assert.Equal(58, server.Service.LastPrint!.Value.Request.SlipWidthMm);

        var (error, _) = await other.ResponseAsync(await other.SendAsync(RpcMethods.TapPrintForm, new PrintFormRequest(started.TapId)));
        Assert.Equal("Unauthorized", error!.Name);
        (error, _) = await starter.ResponseAsync(await starter.SendAsync(RpcMethods.TapPrintForm, new PrintFormRequest("tap-unknown")));
        Assert.Equal("RecordNotFound", error!.Name);
    }

    [Fact]
    public async Task A_running_tap_is_busy_bad_params_are_refused_and_service_refusals_pass_through()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await client.HelloAsync();
        var held = server.Service.HoldAt(TapSteps.CredentialChecked);
        using var numberB = GoodNumberB();
        var started = await client.CallAsync<TapStartRequest, TapStarted>(RpcMethods.TapStart, new TapStartRequest(numberB, new TapOptions()));
        await held;
        var (error, _) = await client.ResponseAsync(await client.SendAsync(RpcMethods.TapPrintForm, new PrintFormRequest(started.TapId)));
        Assert.Equal("ReaderBusy", error!.Name);
        Assert.Null(server.Service.LastPrint);
        server.Service.Release();
        await client.CallAsync<TapResultRequest, TapResultReply>(RpcMethods.TapGetResult, new TapResultRequest(started.TapId) { WaitMs = 5000 });

        (error, _) = await client.ResponseAsync(await client.SendAsync(RpcMethods.TapPrintForm, new PrintFormRequest(started.TapId) { Kind = "poster" }));
        Assert.Equal("InvalidParams", error!.Name);
        (error, _) = await client.ResponseAsync(await client.SendAsync(RpcMethods.TapPrintForm, new PrintFormRequest(started.TapId) { Kind = PrintFormRequest.SlipKind, SlipWidthMm = 57 }));
        Assert.Equal("InvalidParams", error!.Name);

        var printed = await client.CallAsync<PrintFormRequest, PrintedForm>(RpcMethods.TapPrintForm, new PrintFormRequest(started.TapId));
        Assert.Empty(server.Service.LastPrint!.Value.Fields); // the tap asked for no personal field
        Assert.EndsWith("form  ", Encoding.UTF8.GetString(printed.Pdf), StringComparison.Ordinal);

        server.Service.RefusePaperwork = ErrorCode.InvalidInput;
        (error, _) = await client.ResponseAsync(await client.SendAsync(RpcMethods.TapPrintForm, new PrintFormRequest(started.TapId)));
        Assert.Equal("InvalidInput", error!.Name);
    }

    [Fact]
    public async Task A_service_without_paperwork_answers_reader_unavailable()
    {
        IReaderService service = new NoPaperwork(new FakeReaderService());
        var e = await Assert.ThrowsAsync<ReaderServiceException>(() => service.PrintFormAsync(new PrintFormRequest("tap-1"), new HashSet<string>(), CancellationToken.None).AsTask());
        Assert.Equal(ErrorCode.ReaderUnavailable, e.Code);
    }

    /// <summary>A service that does not implement paperwork (the interface's default applies).</summary>
    private sealed class NoPaperwork(FakeReaderService inner) : IReaderService
    {
        public ReaderStatus GetStatus() => inner.GetStatus();

        public DeviceInfo GetDeviceInfo() => inner.GetDeviceInfo();

        public TrustInfo GetTrustInfo() => inner.GetTrustInfo();

        public ValueTask StartTapAsync(string tapId, TapStartRequest request, CancellationToken cancellationToken) => inner.StartTapAsync(tapId, request, cancellationToken);

        public bool CancelTap(string tapId) => inner.CancelTap(tapId);

        public IDisposable Subscribe(IReaderEventSink sink) => inner.Subscribe(sink);

        public ValueTask<JournalPage> QueryJournalAsync(JournalQuery query, CancellationToken cancellationToken) => inner.QueryJournalAsync(query, cancellationToken);

        public ValueTask<JournalExportChunk> ExportJournalAsync(JournalExportRequest request, CancellationToken cancellationToken) => inner.ExportJournalAsync(request, cancellationToken);

        public ValueTask<int> MarkReconciledAsync(IReadOnlyList<string> recordIds, CancellationToken cancellationToken) => inner.MarkReconciledAsync(recordIds, cancellationToken);
    }
}
