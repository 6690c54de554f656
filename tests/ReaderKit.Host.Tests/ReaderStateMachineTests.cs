using ReaderKit.Card.Credentials;
using ReaderKit.Contracts;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Messages;
using ReaderKit.Host.Outage;
using ReaderKit.Host.Reader;

namespace ReaderKit.Host.Tests;

public sealed class ReaderStateMachineTests
{
    private static bool Disposed(VerificationNumberB n)
    {
        try
        {
            _ = n.ExpiryYear;
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    [Fact]
    public async Task A_full_tap_passes_every_state_in_order_is_journaled_and_ends_released_and_zeroed()
    {
        using var rig = new ReaderRig();
        rig.Runner.Script = async (_, progress, _) =>
        {
            await Verdicts.ReportAll(progress);
            return Verdicts.Accepted();
        };
        var lease = rig.Machine.AcquireLease("pharmacy-app");
        rig.Field.Present = true;
        await rig.UntilState(ReaderState.WaitingForNumberB);
        var numberB = ReaderRig.NumberB();
        var result = await rig.Machine.SubmitAsync(lease, numberB, new TapOptions());
        Assert.Equal(VerdictKind.Accepted, result.Verdict);
        Assert.Equal(IdentityMethod.FaceMatched, result.Identity);
        Assert.NotNull(result.RecordId);
        Assert.Null(result.Personal);
        Assert.True(Disposed(numberB));
        await rig.UntilState(ReaderState.WaitingForRemoval);
        rig.Field.Present = false;
        await rig.UntilState(ReaderState.Idle);

        Assert.Equal(
            [ReaderState.CardPresent, ReaderState.WaitingForNumberB, ReaderState.Reading, ReaderState.Verifying, ReaderState.Face, ReaderState.Result, ReaderState.WaitingForRemoval, ReaderState.Idle],
            rig.States);
        var record = rig.Journal.Get(result.RecordId!.Value);
        Assert.Equal(VerdictKind.Accepted, record.Verdict);
        Assert.Equal(IdentityMethod.FaceMatched, record.Identity);
        Assert.True(rig.Field.Releases >= 1);
        var events = rig.Events;
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence).Order());
        Assert.Contains(events, e => e.Kind == ReaderEventKind.Prompt && e.Prompt == PromptKind.EnterNumberB);
        Assert.Contains(events, e => e.Kind == ReaderEventKind.Prompt && e.Prompt == PromptKind.LookAtCamera);
        Assert.Contains(events, e => e.Kind == ReaderEventKind.Result && e.RecordId == result.RecordId && e.Verdict == VerdictKind.Accepted);
        Assert.Contains(events, e => e.Kind == ReaderEventKind.CardRemoved);
        Assert.True(rig.Heartbeat.Beats > 5);
    }

    [Fact]
    public async Task Number_b_submitted_before_the_card_skips_the_wait()
    {
        using var rig = new ReaderRig();
        var lease = rig.Machine.AcquireLease("kiosk");
        var tap = rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions());
        await Task.Delay(200);
        Assert.False(tap.IsCompleted);
        rig.Field.Present = true;
        Assert.Equal(VerdictKind.Accepted, (await tap).Verdict);
        Assert.DoesNotContain(ReaderState.WaitingForNumberB, rig.States);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task Removal_at_each_step_ends_the_tap_as_card_removed(int afterSteps)
    {
        using var rig = new ReaderRig();
        rig.Runner.Script = async (_, progress, ct) =>
        {
            await Verdicts.ReportAll(progress, afterSteps);
            rig.Field.Present = false;
            return Verdicts.Failed(VerdictKind.ReaderError, ErrorCode.CardRemoved);
        };
        var lease = rig.Machine.AcquireLease("app");
        var numberB = ReaderRig.NumberB();
        var tap = rig.Machine.SubmitAsync(lease, numberB, new TapOptions());
        rig.Field.Present = true;
        var result = await tap;
        Assert.Equal(ErrorCode.CardRemoved, result.Error);
        Assert.Equal(VerdictKind.ReaderError, rig.Journal.Get(result.RecordId!.Value).Verdict);
        await rig.UntilState(ReaderState.Idle);
        Assert.True(Disposed(numberB));
        Assert.True(rig.Field.Releases >= 1);
    }

    [Fact]
    public async Task Removal_while_waiting_for_number_b_returns_to_idle_without_a_record()
    {
        using var rig = new ReaderRig();
        rig.Field.Present = true;
        await rig.UntilState(ReaderState.WaitingForNumberB);
        rig.Field.Present = false;
        await rig.Until(() => rig.Events.Any(e => e.Kind == ReaderEventKind.CardRemoved), "card removed");
        await rig.UntilState(ReaderState.Idle);
        Assert.Equal(0, rig.Journal.Count());
        Assert.Empty(rig.Runner.Requests);
    }

    [Theory]
    [InlineData(VerdictKind.CredentialRefused, ErrorCode.CredentialRejected)]
    [InlineData(VerdictKind.CredentialRefused, ErrorCode.CredentialBlocked)]
    [InlineData(VerdictKind.CredentialRefused, ErrorCode.RetryFloorReached)]
    [InlineData(VerdictKind.NotGenuine, ErrorCode.NotGenuine)]
    [InlineData(VerdictKind.Expired, ErrorCode.Expired)]
    [InlineData(VerdictKind.ReaderError, ErrorCode.ReaderTimeout)]
    public async Task Refusals_are_journaled_with_their_code_and_no_identity(VerdictKind kind, ErrorCode error)
    {
        using var rig = new ReaderRig();
        rig.Runner.Script = (_, _, _) => Task.FromResult(Verdicts.Failed(kind, error));
        var lease = rig.Machine.AcquireLease("app");
        rig.Field.Present = true;
        var result = await rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions { StaffPresent = true });
        Assert.Equal((kind, error, IdentityMethod.None), (result.Verdict, result.Error, result.Identity));
        var record = rig.Journal.Get(result.RecordId!.Value);
        Assert.Equal((kind, error, ErrorCodes.NameOf(error)), (record.Verdict, record.Error, record.ErrorName));
        Assert.DoesNotContain(ReaderState.AwaitingStaff, rig.States);
    }

    [Theory]
    [InlineData(FaceOutcome.NotMatched, ErrorCode.FaceNotMatched, "face.match")]
    [InlineData(FaceOutcome.AttackSuspected, ErrorCode.PresentationAttackSuspected, "face.pad.print")]
    [InlineData(FaceOutcome.AttackSuspected, ErrorCode.PresentationAttackSuspected, "face.pad.screen")]
    [InlineData(FaceOutcome.AttackSuspected, ErrorCode.PresentationAttackSuspected, "face.pad.other-person")]
    public async Task Face_mismatch_and_every_presentation_attack_are_refused_and_never_sent_to_staff(FaceOutcome face, ErrorCode error, string check)
    {
        using var rig = new ReaderRig();
        rig.Runner.Script = (_, _, _) => Task.FromResult(Verdicts.CardVerifiedButFace(face, error, check));
        var lease = rig.Machine.AcquireLease("app");
        rig.Field.Present = true;
        var result = await rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions { StaffPresent = true });
        Assert.Equal(VerdictKind.FaceNotAccepted, result.Verdict);
        Assert.Equal(error, result.Error);
        Assert.Contains(result.Checks, c => c.Name == check && c.Status == CheckLineStatus.Fail);
        Assert.DoesNotContain(ReaderState.AwaitingStaff, rig.States);
        Assert.Equal(IdentityMethod.None, rig.Journal.Get(result.RecordId!.Value).Identity);
    }

    [Fact]
    public async Task Staff_visual_check_confirmed_is_accepted_and_recorded_as_staff_not_face()
    {
        using var rig = new ReaderRig();
        rig.Runner.Script = (request, _, _) =>
        {
            Assert.False(request.RunFace);
            return Task.FromResult(Verdicts.Accepted() with { Face = FaceOutcome.NotRun, FaceScore = null });
        };
        var lease = rig.Machine.AcquireLease("counter-1");
        rig.Field.Present = true;
        var tap = rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions { Identity = IdentityCheck.Staff, StaffPresent = true });
        await rig.UntilState(ReaderState.AwaitingStaff);
        Assert.Equal(Verdicts.Photo, rig.Machine.StaffCheckPhoto(lease));
        Assert.Contains(rig.Events, e => e.Kind == ReaderEventKind.StaffCheckRequired);
        rig.Machine.ConfirmByStaff(lease, "op-7", confirmed: true);
        var result = await tap;
        Assert.Equal((VerdictKind.Accepted, ErrorCode.Ok, IdentityMethod.ConfirmedVisuallyByStaff, "op-7"), (result.Verdict, result.Error, result.Identity, result.StaffOperatorId));
        Assert.Contains(result.Checks, c => c.Name == "identity.staff" && c.Status == CheckLineStatus.Pass);
        var record = rig.Journal.Get(result.RecordId!.Value);
        Assert.Equal(IdentityMethod.ConfirmedVisuallyByStaff, record.Identity);
        Assert.NotEqual(IdentityMethod.FaceMatched, record.Identity);
        Assert.Equal("op-7", record.StaffOperatorId);
        Assert.Null(rig.Machine.StaffCheckPhoto(lease));
    }

    [Fact]
    public async Task Staff_refusal_and_staff_timeout_are_refusals()
    {
        var options = Fixtures.ReaderOptions();
        options.StaffWait = TimeSpan.FromMilliseconds(400);
        using var rig = new ReaderRig(options);
        rig.Runner.Script = (_, _, _) => Task.FromResult(Verdicts.CardVerifiedButFace(FaceOutcome.Inconclusive, ErrorCode.FaceCheckInconclusive));
        var lease = rig.Machine.AcquireLease("counter-1");
        rig.Field.Present = true;
        var tap = rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions { StaffPresent = true });
        await rig.UntilState(ReaderState.AwaitingStaff);
        rig.Machine.ConfirmByStaff(lease, "op-9", confirmed: false);
        var refused = await tap;
        Assert.Equal((VerdictKind.FaceNotAccepted, ErrorCode.StaffConfirmationRefused, IdentityMethod.None), (refused.Verdict, refused.Error, refused.Identity));
        rig.Field.Present = false;
        await rig.UntilState(ReaderState.Idle);

        var second = rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions { StaffPresent = true });
        rig.Field.Present = true;
        var timedOut = await second;
        Assert.Equal(ErrorCode.StaffConfirmationRefused, timedOut.Error);
        Assert.Contains(timedOut.Checks, c => c.Name == "identity.staff" && c.Reason.StartsWith("no staff decision", StringComparison.Ordinal));
        Assert.Throws<ReaderException>(() => rig.Machine.ConfirmByStaff(lease, "op-9", true));
    }

    [Fact]
    public async Task An_unattended_kiosk_never_falls_back_to_staff()
    {
        using var rig = new ReaderRig();
        rig.Runner.Script = (_, _, _) => Task.FromResult(Verdicts.CardVerifiedButFace(FaceOutcome.Inconclusive, ErrorCode.FaceCheckInconclusive));
        var lease = rig.Machine.AcquireLease("kiosk");
        rig.Field.Present = true;
        var result = await rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions { StaffPresent = false });
        Assert.Equal((VerdictKind.FaceNotAccepted, ErrorCode.FaceCheckInconclusive), (result.Verdict, result.Error));
        Assert.DoesNotContain(ReaderState.AwaitingStaff, rig.States);
    }

    [Fact]
    public async Task Fail_closed_an_accept_without_a_face_match_or_an_inconsistent_verdict_is_refused()
    {
        using var rig = new ReaderRig();
        rig.Runner.Script = (_, _, _) => Task.FromResult(Verdicts.Accepted() with { Face = FaceOutcome.NotChecked });
        var lease = rig.Machine.AcquireLease("kiosk");
        rig.Field.Present = true;
        var noFace = await rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions());
        Assert.Equal((VerdictKind.FaceNotAccepted, ErrorCode.FaceNotChecked), (noFace.Verdict, noFace.Error));
        rig.Field.Present = false;
        await rig.UntilState(ReaderState.Idle);

        rig.Runner.Script = (_, _, _) => Task.FromResult(Verdicts.Accepted() with { Error = ErrorCode.ReaderTimeout });
        var inconsistent = rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions());
        rig.Field.Present = true;
        Assert.Equal((VerdictKind.ReaderError, ErrorCode.InternalError), ((await inconsistent).Verdict, (await inconsistent).Error));
        rig.Field.Present = false;
        await rig.UntilState(ReaderState.Idle);

        rig.Runner.Script = (_, _, _) => throw new InvalidOperationException("bug in a lower layer");
        var thrown = rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions());
        rig.Field.Present = true;
        Assert.Equal((VerdictKind.ReaderError, ErrorCode.InternalError), ((await thrown).Verdict, (await thrown).Error));
    }

    [Fact]
    public async Task Without_require_face_an_accept_without_face_is_recorded_as_not_required()
    {
        var options = Fixtures.ReaderOptions();
        options.RequireFace = false;
        using var rig = new ReaderRig(options);
        rig.Runner.Script = (_, _, _) => Task.FromResult(Verdicts.Accepted() with { Face = FaceOutcome.NotRun });
        var lease = rig.Machine.AcquireLease("counter");
        rig.Field.Present = true;
        var result = await rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions());
        Assert.Equal((VerdictKind.Accepted, IdentityMethod.NotRequired), (result.Verdict, result.Identity));
    }

    [Fact]
    public async Task Outage_on_and_off_mid_tap_does_not_disturb_it_and_the_record_keeps_the_mode_at_start()
    {
        using var rig = new ReaderRig();
        rig.Health.SetMode(new ModeChange(OperatingMode.Unknown, OperatingMode.Online, "probe-reachable", DateTimeOffset.UtcNow), false);
        var inside = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        rig.Runner.Script = async (_, progress, ct) =>
        {
            await Verdicts.ReportAll(progress, 3);
            inside.SetResult();
            await release.Task.WaitAsync(ct);
            await Verdicts.ReportAll(progress);
            return Verdicts.Accepted();
        };
        var lease = rig.Machine.AcquireLease("app");
        var tap = rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions());
        rig.Field.Present = true;
        await inside.Task;
        rig.Health.SetMode(new ModeChange(OperatingMode.Online, OperatingMode.Offline, "power-fail", DateTimeOffset.UtcNow), true);
        rig.Health.SetMode(new ModeChange(OperatingMode.Offline, OperatingMode.Online, "power-restored", DateTimeOffset.UtcNow), false);
        rig.Health.SetMode(new ModeChange(OperatingMode.Online, OperatingMode.Offline, "probe-unreachable", DateTimeOffset.UtcNow), false);
        release.SetResult();
        var result = await tap;
        Assert.Equal(VerdictKind.Accepted, result.Verdict);
        Assert.Equal(OperatingMode.Online, result.Mode);
        Assert.Equal(OperatingMode.Online, rig.Journal.Get(result.RecordId!.Value).Mode);

        rig.Field.Present = false;
        await rig.UntilState(ReaderState.Idle);
        rig.Runner.Script = (_, _, _) => Task.FromResult(Verdicts.Accepted());
        var offlineTap = rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions());
        rig.Field.Present = true;
        Assert.Equal(OperatingMode.Offline, rig.Journal.Get((await offlineTap).RecordId!.Value).Mode);
    }

    [Fact]
    public async Task Two_callers_compete_for_the_lease()
    {
        var options = Fixtures.ReaderOptions();
        options.LeaseDuration = TimeSpan.FromSeconds(2);
        using var rig = new ReaderRig(options);
        var a = rig.Machine.AcquireLease("pharmacy-app");
        var held = Assert.Throws<ReaderException>(() => rig.Machine.AcquireLease("kiosk"));
        Assert.Equal(ErrorCode.LeaseHeld, held.Code);
        Assert.Contains("pharmacy-app", held.Message, StringComparison.Ordinal);

        var forged = a with { Token = "00" };
        var numberB = ReaderRig.NumberB();
        var unauthorised = Assert.Throws<ReaderException>(() => { _ = rig.Machine.SubmitAsync(forged, numberB, new TapOptions()); });
        Assert.Equal(ErrorCode.Unauthorized, unauthorised.Code);
        Assert.True(Disposed(numberB));

        // A tap is pending: a second submission from the holder is busy, and its 照合番号B is disposed at once.
        var pending = rig.Machine.SubmitAsync(a, ReaderRig.NumberB(), new TapOptions());
        var second = ReaderRig.NumberB();
        Assert.Equal(ErrorCode.ReaderBusy, Assert.Throws<ReaderException>(() => { _ = rig.Machine.SubmitAsync(a, second, new TapOptions()); }).Code);
        Assert.True(Disposed(second));
        Assert.True(rig.Machine.Cancel(a));
        Assert.Equal(VerdictKind.Cancelled, (await pending).Verdict);

        rig.Machine.ReleaseLease(a);
        var b = rig.Machine.AcquireLease("kiosk");
        Assert.Equal(ErrorCode.Unauthorized, Assert.Throws<ReaderException>(() => rig.Machine.Cancel(a)).Code);

        // An unrenewed lease lapses.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var c = rig.Machine.AcquireLease("pharmacy-app");
        Assert.NotEqual(b.Token, c.Token);
    }

    [Fact]
    public async Task Cancellation_at_every_step_is_honoured()
    {
        using var rig = new ReaderRig();
        var lease = rig.Machine.AcquireLease("app");

        // 1. While waiting for the card, through the caller's token.
        using (var cts = new CancellationTokenSource())
        {
            var numberB = ReaderRig.NumberB();
            var tap = rig.Machine.SubmitAsync(lease, numberB, new TapOptions(), cts.Token);
            await cts.CancelAsync();
            var r = await tap;
            Assert.Equal((VerdictKind.Cancelled, ErrorCode.Cancelled), (r.Verdict, r.Error));
            Assert.Null(r.RecordId);
            Assert.True(Disposed(numberB));
        }

        // 2. Inside the tap: the runner sees its token cancelled; the cancelled tap is journaled.
        var running = new TaskCompletionSource();
        rig.Runner.Script = async (_, progress, ct) =>
        {
            await Verdicts.ReportAll(progress, 4);
            running.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return Verdicts.Accepted();
        };
        var inTap = rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions());
        rig.Field.Present = true;
        await running.Task;
        Assert.True(rig.Machine.Cancel(lease));
        var cancelled = await inTap;
        Assert.Equal(VerdictKind.Cancelled, cancelled.Verdict);
        Assert.Equal(VerdictKind.Cancelled, rig.Journal.Get(cancelled.RecordId!.Value).Verdict);
        rig.Field.Present = false;
        await rig.UntilState(ReaderState.Idle);

        // 3. While staff decide.
        rig.Runner.Script = (_, _, _) => Task.FromResult(Verdicts.CardVerifiedButFace(FaceOutcome.Inconclusive, ErrorCode.FaceCheckInconclusive));
        var staffTap = rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions { StaffPresent = true });
        rig.Field.Present = true;
        await rig.UntilState(ReaderState.AwaitingStaff);
        rig.Machine.Cancel(lease);
        Assert.Equal(VerdictKind.Cancelled, (await staffTap).Verdict);
    }

    [Fact]
    public async Task A_runner_that_overruns_the_deadline_is_a_reader_error()
    {
        var options = Fixtures.ReaderOptions();
        options.TapDeadline = TimeSpan.FromMilliseconds(300);
        using var rig = new ReaderRig(options);
        rig.Runner.Script = async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return Verdicts.Accepted();
        };
        var lease = rig.Machine.AcquireLease("app");
        rig.Field.Present = true;
        var result = await rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions());
        Assert.Equal((VerdictKind.ReaderError, ErrorCode.TapDeadlineExceeded), (result.Verdict, result.Error));
    }

    [Fact]
    public async Task No_number_b_in_time_prompts_to_tap_again_without_a_record()
    {
        var options = Fixtures.ReaderOptions();
        options.NumberBWait = TimeSpan.FromMilliseconds(300);
        using var rig = new ReaderRig(options);
        rig.Field.Present = true;
        await rig.Until(() => rig.Events.Any(e => e.Prompt == PromptKind.TapAgain), "tap-again prompt");
        await rig.UntilState(ReaderState.WaitingForRemoval);
        Assert.Equal(0, rig.Journal.Count());
    }

    [Fact]
    public async Task A_request_with_no_card_expires_as_card_not_present()
    {
        var options = Fixtures.ReaderOptions();
        options.NumberBWait = TimeSpan.FromMilliseconds(300);
        using var rig = new ReaderRig(options);
        var lease = rig.Machine.AcquireLease("app");
        var result = await rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions());
        Assert.Equal((VerdictKind.ReaderError, ErrorCode.CardNotPresent), (result.Verdict, result.Error));
        Assert.Null(result.RecordId);
    }

    [Fact]
    public async Task Personal_fields_return_only_when_asked_and_the_journal_keeps_only_configured_fields()
    {
        using var rig = new ReaderRig(keep: ["name"]);
        var lease = rig.Machine.AcquireLease("app");
        var tap = rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions { ReturnPersonalFields = true });
        rig.Field.Present = true;
        var result = await tap;
        Assert.True(rig.Runner.Requests[0].ReadPersonalFields);
        Assert.Equal("山田 太郎", result.Personal!.Name);
        Assert.Null(result.Personal.Photo);
        var kept = rig.Journal.ReadPersonalData(result.RecordId!.Value, PersonalDataPurpose.OutagePaperwork)!;
        Assert.Equal(("山田 太郎", (string?)null, (DateOnly?)null), (kept.Name, kept.Address, kept.BirthDate));
    }

    [Fact]
    public async Task Shutdown_mid_tap_cancels_the_caller_and_stops_the_loop()
    {
        using var rig = new ReaderRig();
        var running = new TaskCompletionSource();
        rig.Runner.Script = async (_, _, ct) =>
        {
            running.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return Verdicts.Accepted();
        };
        var lease = rig.Machine.AcquireLease("app");
        var numberB = ReaderRig.NumberB();
        var tap = rig.Machine.SubmitAsync(lease, numberB, new TapOptions());
        rig.Field.Present = true;
        await running.Task;
        await rig.StopAsync();
        Assert.Equal(VerdictKind.Cancelled, (await tap).Verdict);
        Assert.Equal(ReaderState.Stopped, rig.Machine.State);
        Assert.True(Disposed(numberB));
        Assert.Equal(ErrorCode.ReaderUnavailable, Assert.Throws<ReaderException>(() => { _ = rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions()); }).Code);
    }

    [Fact]
    public async Task A_reader_that_stops_answering_raises_a_fault_and_clears_it_when_it_answers()
    {
        using var rig = new ReaderRig();
        rig.Field.Broken = true;
        await rig.Until(() => rig.Health.Faults.Any(f => f.StartsWith("reader:", StringComparison.Ordinal)), "reader fault");
        rig.Field.Broken = false;
        await rig.Until(() => rig.Health.Faults.Count == 0, "fault cleared");
    }
}
