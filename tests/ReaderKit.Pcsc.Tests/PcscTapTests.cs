using System.Diagnostics;
using ReaderKit.Contracts;
using ReaderKit.Tap;
using ReaderKit.Tap.Devices;
using ReaderKit.VirtualCard.Files;

namespace ReaderKit.Pcsc.Tests;

/// <summary>
/// Full <see cref="CardTap"/>s over the PC/SC link: ReaderKit.Pcsc → libpcsclite → a real pcscd → vsmartcard's vpcd → the
/// virtual card on loopback. Every persona, the retry-safe 照合番号B paths, removal mid-read, no card, another application holding the
/// reader, and reader selection.
/// </summary>
[Collection(VpcdCollection.Name)]
public sealed class PcscTapTests(VpcdReader reader)
{
    [PcscdTheory]
    [InlineData("yamada-taro", VerdictKind.Accepted, ErrorCode.Ok)]
    [InlineData("sato-hanako", VerdictKind.Accepted, ErrorCode.Ok)]
    [InlineData("showa-64", VerdictKind.Accepted, ErrorCode.Ok)]
    [InlineData("heisei-1", VerdictKind.Accepted, ErrorCode.Ok)]
    [InlineData("heisei-31", VerdictKind.Accepted, ErrorCode.Ok)]
    [InlineData("reiwa-1", VerdictKind.Accepted, ErrorCode.Ok)]
    [InlineData("taisho", VerdictKind.Accepted, ErrorCode.Ok)]
    [InlineData("foreign-resident", VerdictKind.Accepted, ErrorCode.Ok)]
    [InlineData("face-auth-only", VerdictKind.Accepted, ErrorCode.Ok)]
    [InlineData("text-pin-blocked", VerdictKind.Accepted, ErrorCode.Ok)]
    [InlineData("next-gen", VerdictKind.Accepted, ErrorCode.Ok)]
    [InlineData("older-card", VerdictKind.Accepted, ErrorCode.Ok)]
    [InlineData("no-extended-length", VerdictKind.Accepted, ErrorCode.Ok)]
    [InlineData("clone", VerdictKind.NotGenuine, ErrorCode.NotGenuine)]
    [InlineData("expired", VerdictKind.Expired, ErrorCode.Expired)]
    [InlineData("b-two-left", VerdictKind.CredentialRefused, ErrorCode.RetryFloorReached)]
    [InlineData("b-blocked", VerdictKind.CredentialRefused, ErrorCode.CredentialBlocked)]
    public async Task Every_persona_gets_the_verdict_of_the_PN532_path(string persona, VerdictKind kind, ErrorCode error)
    {
        var card = await reader.InsertAsync(persona);
        var before = reader.Server.ApdusAnswered;

        var verdict = await reader.Tap().RunAsync(new TapRequest { NumberB = VpcdReader.NumberB(persona) });

        Assert.True(kind == verdict.Kind && error == verdict.Error, $"{persona}: {verdict.Kind}/{verdict.Error}: {verdict.Message}");
        Assert.True(reader.Server.ApdusAnswered > before);
        if (kind == VerdictKind.Accepted)
        {
            Assert.Equal(TapFaceOutcome.NotChecked, verdict.Face);
            Assert.True(verdict.CardVerified);
            Assert.Equal(10, card.RemainingTries(ApplicationKind.Surface, 0x0012));
        }

        Assert.Contains(verdict.Timings, t => t.Name == "card.wait");
        Assert.Contains(verdict.Timings, t => t.Name == "card.release");
    }

    [PcscdFact]
    public async Task A_wrong_security_code_is_refused_and_spends_exactly_one_try()
    {
        var card = await reader.InsertAsync("yamada-taro");
        var wrong = Personas().SecurityCode == "0000" ? "1111" : "0000";

        var verdict = await reader.Tap().RunAsync(new TapRequest { NumberB = VpcdReader.NumberB("yamada-taro", wrong) });

        Assert.Equal(VerdictKind.CredentialRefused, verdict.Kind);
        Assert.Equal(ErrorCode.CredentialRejected, verdict.Error);
        Assert.Equal(new Retries("surface.number-b", 10, 2, true, 9), verdict.Retries);
        Assert.Equal(9, card.RemainingTries(ApplicationKind.Surface, 0x0012));
        Assert.DoesNotContain(wrong, verdict.Message, StringComparison.Ordinal);

        static VirtualCard.Personas.Persona Personas() => VirtualCard.Personas.PersonaCatalog.Get("yamada-taro");
    }

    [PcscdTheory]
    [InlineData(8)]
    [InlineData(20)]
    public async Task A_card_removed_in_the_middle_of_the_card_face_read_is_CardRemoved(int apdusBeforeRemoval)
    {
        // After SELECT, the counter query, VERIFY and the first READ BINARYs: the card leaves while the card face is read.
        var card = await reader.InsertAsync("yamada-taro");
        reader.Server.RemoveCardAfterApdus = apdusBeforeRemoval;
        var before = reader.Server.ApdusAnswered;

        // vpcd reports the failed exchange when the card's connection has closed; on a loaded machine that can take longer
        // than the 500 ms APDU floor, which would (rightly) be an unknown outcome instead: this test is about removal.
        var verdict = await reader.Tap(apduTimeout: TimeSpan.FromSeconds(10)).RunAsync(new TapRequest { NumberB = VpcdReader.NumberB("yamada-taro") });

        Assert.True(verdict.Kind == VerdictKind.ReaderError && verdict.Error == ErrorCode.CardRemoved, $"{verdict.Kind}/{verdict.Error}: {verdict.Message}\n{reader.Pcscd.Log}");
        Assert.Equal(apdusBeforeRemoval, reader.Server.ApdusAnswered - before);
        Assert.False(verdict.CardVerified);
        Assert.Equal(10, card.RemainingTries(ApplicationKind.Surface, 0x0012)); // the one VERIFY was right: no try spent
        Assert.Contains(verdict.Timings, t => t.Name == "card.release");

        // The card comes back and the next tap reads it: the reader survived the removal.
        await reader.InsertAsync("yamada-taro");
        var again = await reader.Tap().RunAsync(new TapRequest { NumberB = VpcdReader.NumberB("yamada-taro") });
        Assert.True(again.Kind == VerdictKind.Accepted, $"{again.Kind}/{again.Error}: {again.Message}");
    }

    [PcscdFact]
    public async Task No_card_within_the_card_wait_is_CardNotPresent_and_bounded()
    {
        await reader.InsertAsync("yamada-taro");
        reader.Server.CardPresent = false;
        using var context = PcscContext.Establish();
        using (var gone = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await context.WaitForRemovalAsync(reader.ReaderName, TimeSpan.FromMilliseconds(100), gone.Token);
        }

        var clock = Stopwatch.StartNew();
        var verdict = await reader.Tap(cardWait: TimeSpan.FromSeconds(1.5)).RunAsync(new TapRequest { NumberB = VpcdReader.NumberB("yamada-taro") });

        Assert.True(verdict.Kind == VerdictKind.ReaderError && verdict.Error == ErrorCode.CardNotPresent, $"{verdict.Kind}/{verdict.Error}: {verdict.Message}");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(15));
    }

    [PcscdFact]
    public async Task The_floor_refuses_without_sending_VERIFY()
    {
        var card = await reader.InsertAsync("b-two-left");

        var verdict = await reader.Tap().RunAsync(new TapRequest { NumberB = VpcdReader.NumberB("b-two-left") });

        Assert.Equal(ErrorCode.RetryFloorReached, verdict.Error);
        Assert.Equal(new Retries("surface.number-b", 2, 2, false), verdict.Retries);
        Assert.Equal(2, card.RemainingTries(ApplicationKind.Surface, 0x0012));
    }

    [PcscdTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Another_application_holding_the_reader_is_ReaderBusy_and_no_APDU_is_sent(bool exclusive)
    {
        await reader.InsertAsync("yamada-taro");
        using var other = PcscContext.Establish();
        await using var held = other.Connect(reader.ReaderName, exclusive, disposition: PcscDisposition.Leave);
        var before = reader.Server.ApdusAnswered;

        var verdict = await reader.Tap().RunAsync(new TapRequest { NumberB = VpcdReader.NumberB("yamada-taro") });

        Assert.Equal(VerdictKind.ReaderError, verdict.Kind);
        Assert.Equal(ErrorCode.ReaderBusy, verdict.Error);
        Assert.Contains("SCARD_E_SHARING_VIOLATION", verdict.Message, StringComparison.Ordinal);
        Assert.Equal(before, reader.Server.ApdusAnswered);
    }

    [PcscdFact]
    public async Task The_tap_holds_the_reader_exclusively_while_it_runs()
    {
        await reader.InsertAsync("yamada-taro");
        var busy = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tap = reader.Tap();
        tap.StepCompleted += (_, e) =>
        {
            if (e.Step == TapStep.CardPresent)
            {
                using var other = PcscContext.Establish();
                try
                {
                    using var c = other.Connect(reader.ReaderName, exclusive: false, disposition: PcscDisposition.Leave);
                    busy.TrySetResult("connected");
                }
                catch (PcscException ex)
                {
                    busy.TrySetResult(ex.CodeName);
                }
            }
        };

        var verdict = await tap.RunAsync(new TapRequest { NumberB = VpcdReader.NumberB("yamada-taro") });

        Assert.True(verdict.IsAccepted, verdict.Message);
        Assert.Equal("SCARD_E_SHARING_VIOLATION", await busy.Task);
    }

    [PcscdFact]
    public async Task Waits_for_insertion_or_removal_are_cancellable_and_bounded()
    {
        // Debian's vsmartcard-vpcd 0.8 cannot show an empty reader without crashing pcscd (see README), so the wait that does
        // not end here is the wait for removal of the card that stays in the reader.
        await reader.InsertAsync("yamada-taro");
        using var context = PcscContext.Establish();
        using var cancel = new CancellationTokenSource();
        var wait = context.WaitForRemovalAsync(reader.ReaderName, TimeSpan.FromSeconds(1), cancel.Token);
        await Task.Delay(300);
        Assert.False(wait.IsCompleted);
        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"took {clock.Elapsed}");

        var present = await context.WaitForCardAsync(reader.ReaderName, TimeSpan.FromSeconds(1), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(present.CardPresent);
        Assert.False(present.Atr.IsEmpty);
    }

    [PcscdFact]
    public async Task A_reader_name_that_matches_nothing_is_ReaderUnavailable_listing_the_readers()
    {
        await reader.InsertAsync("yamada-taro");

        var verdict = await reader.Tap("no such reader").RunAsync(new TapRequest { NumberB = VpcdReader.NumberB("yamada-taro") });

        Assert.Equal(ErrorCode.ReaderUnavailable, verdict.Error);
        Assert.Contains("no such reader", verdict.Message, StringComparison.Ordinal);
        Assert.Contains(reader.ReaderName, verdict.Message, StringComparison.Ordinal);
    }

    [PcscdFact]
    public void A_name_shared_by_both_vpcd_slots_is_ambiguous_and_a_longer_one_is_not()
    {
        using var context = PcscContext.Establish();
        var readers = context.ListReaders();
        Assert.Equal(2, readers.Count(r => r.StartsWith(VpcdReader.FriendlyName, StringComparison.Ordinal)));

        var e = Assert.Throws<PcscReaderSelectionException>(() => context.SelectReader(VpcdReader.FriendlyName.ToLowerInvariant()));
        Assert.True(e.IsAmbiguous);
        Assert.Equal(reader.ReaderName, context.SelectReader(reader.ReaderName[^5..]));
    }

    [PcscdFact]
    public async Task The_card_is_reset_when_the_tap_releases_it()
    {
        var card = await reader.InsertAsync("yamada-taro");
        var verdict = await reader.Tap().RunAsync(new TapRequest { NumberB = VpcdReader.NumberB("yamada-taro") });
        Assert.True(verdict.IsAccepted, verdict.Message);

        // After SCARD_RESET_CARD the card's security state is gone: reading the card face without VERIFY is refused again.
        using var context = PcscContext.Establish();
        await using var connection = context.Connect(reader.ReaderName, exclusive: true, disposition: PcscDisposition.Leave);
        var channel = new Apdu.ApduChannel(connection, TimeSpan.FromSeconds(2));
        var select = await channel.TransmitAsync(new Apdu.CommandApdu(0x00, 0xA4, 0x04, 0x0C, Convert.FromHexString("D3921000310001010402")));
        Assert.True(select.StatusWord.IsSuccess, select.StatusWord.ToString());
        var selectFile = await channel.TransmitAsync(new Apdu.CommandApdu(0x00, 0xA4, 0x02, 0x0C, new byte[] { 0x00, 0x02 }));
        Assert.True(selectFile.StatusWord.IsSuccess, selectFile.StatusWord.ToString());
        var read = await channel.TransmitAsync(new Apdu.CommandApdu(0x00, 0xB0, 0x00, 0x00, ne: 16));
        Assert.Equal(0x6982, read.StatusWord.Value);
        _ = card;
    }
}
