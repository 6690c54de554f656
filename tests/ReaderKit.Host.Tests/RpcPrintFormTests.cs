using System.Text;
using ReaderKit.Contracts;
using ReaderKit.Host.Reader;
using ReaderKit.Protocol.Messages;
using ReaderKit.Sdk;
using ReaderKit.Trust;
using HostVerdict = ReaderKit.Host.Reader.TapVerdict;
using TapOptions = ReaderKit.Protocol.Messages.TapOptions;

namespace ReaderKit.Host.Tests;

/// <summary><c>tap.printForm</c> served by the host: the real SDK over the host's Unix socket, a fake field and a scripted runner.</summary>
public sealed class RpcPrintFormTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static readonly string[] Config =
    [
        "--Journal:KeepPersonalFields:0=name", "--Journal:KeepPersonalFields:1=address", "--Journal:KeepPersonalFields:2=birthDate",
        "--Rpc:ReleaseFields:0=name", "--Rpc:ReleaseFields:1=address", "--Rpc:ReleaseFields:2=birthDate",
    ];

    private static readonly string[] Asked = [PersonalField.Name, PersonalField.Address, PersonalField.BirthDate];

    private static HostVerdict Genuine() => Verdicts.Accepted() with
    {
        Checks =
        [
            new(CheckNames.SurfaceCvc, CheckLineStatus.Pass, "ok"), new(CheckNames.SurfaceCardFace, CheckLineStatus.Pass, "ok"),
            new(CheckNames.SurfaceCardPresence, CheckLineStatus.Pass, "ok"), new("face.match", CheckLineStatus.Pass, "0.71 >= 0.60"),
        ],
    };

    [Fact]
    public async Task A_finished_accepted_tap_prints_a_form_and_a_slip_for_its_journal_record_and_export_carries_the_same_hash()
    {
        await using var rig = await RpcHostRig.StartAsync(Config);
        rig.Runner.Script = (_, _, _) => Task.FromResult(Genuine());
        await using var client = await rig.ConnectAsync();
        rig.Field.Present = true;
        using var numberB = RpcHostRig.NumberB();
        var result = await client.TapAsync(numberB, new TapOptions { Fields = Asked }).WaitAsync(Wait);
        Assert.Equal(VerdictKind.Accepted, result.Verdict);
        Assert.NotNull(result.RecordId);

        var form = await client.PrintFormAsync(result.TapId).WaitAsync(Wait);
        Assert.Equal(result.RecordId, form.RecordId);
        Assert.Equal(rig.Journal.Latest()!.Id.ToString(), form.RecordId);
        Assert.Equal(result.TapId, form.TapId);
        Assert.Equal(PrintFormRequest.FormKind, form.Kind);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(form.Pdf, 0, 4));
        Assert.False(string.IsNullOrEmpty(form.ReceiptHash));

        var slip = await client.PrintFormAsync(result.TapId, PrintFormRequest.SlipKind, 58).WaitAsync(Wait);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(slip.Pdf, 0, 4));
        Assert.Equal(form.RecordId, slip.RecordId);
        Assert.Equal(form.ReceiptHash, slip.ReceiptHash);

        using var export = new MemoryStream();
        await foreach (var chunk in client.ExportJournalAsync(new JournalExportRequest("jsonl")))
        {
            export.Write(chunk);
        }

        var line = Assert.Single(Encoding.UTF8.GetString(export.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(form.RecordId, line, StringComparison.Ordinal);
        Assert.Contains(form.ReceiptHash, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_tap_another_client_and_a_tap_that_did_not_verify_get_typed_errors()
    {
        await using var rig = await RpcHostRig.StartAsync(Config);
        await using var client = await rig.ConnectAsync("starter");
        await using var other = await rig.ConnectAsync("other");

        var unknown = await Assert.ThrowsAnyAsync<ReaderKitException>(() => client.PrintFormAsync("no-such-tap"));
        Assert.Equal(ErrorCode.RecordNotFound, unknown.Code);

        rig.Runner.Script = (_, _, _) => Task.FromResult(Genuine());
        rig.Field.Present = true;
        using (var nb = RpcHostRig.NumberB())
        {
            var accepted = await client.TapAsync(nb, new TapOptions { Fields = Asked }).WaitAsync(Wait);
            var foreign = await Assert.ThrowsAnyAsync<ReaderKitException>(() => other.PrintFormAsync(accepted.TapId));
            Assert.Equal(ErrorCode.Unauthorized, foreign.Code);
        }

        rig.Field.Present = false;
        await RpcHostRig.Until(() => rig.Machine.State == ReaderState.Idle, "idle after the first tap");
        rig.Runner.Script = (_, _, _) => Task.FromResult(Genuine() with
        {
            Kind = VerdictKind.NotGenuine,
            Error = ErrorCode.NotGenuine,
            CardVerified = false,
            Checks = [new(CheckNames.SurfaceCvc, CheckLineStatus.Fail, "bad signature")],
        });
        rig.Field.Present = true;
        using (var nb = RpcHostRig.NumberB())
        {
            var refused = await client.TapAsync(nb).WaitAsync(Wait);
            Assert.Equal(VerdictKind.NotGenuine, refused.Verdict);
            var notVerified = await Assert.ThrowsAnyAsync<ReaderKitException>(() => client.PrintFormAsync(refused.TapId));
            Assert.Equal(ErrorCode.InvalidInput, notVerified.Code);
        }
    }
}
