using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ReaderKit.Contracts;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Outage;

namespace ReaderKit.Host.Tests;

public sealed class JournalTests
{
    private static TapJournalEntry Entry(DateTimeOffset at, OperatingMode mode = OperatingMode.Offline, PersonalData? personal = null, string reason = "ok") => new()
    {
        StartedAt = at,
        FinishedAt = at.AddSeconds(3),
        Verdict = VerdictKind.Accepted,
        Error = ErrorCode.Ok,
        Checks = [new CheckLine("surface.cvc", CheckLineStatus.Pass, reason), new CheckLine("face.match", CheckLineStatus.Pass, "score 0.71 >= 0.60")],
        Timings = new Dictionary<string, TimeSpan> { ["read"] = TimeSpan.FromMilliseconds(812.5), ["face"] = TimeSpan.FromMilliseconds(640) },
        Mode = mode,
        TrustAnchor = "J-LIS CA key 0102",
        Identity = IdentityMethod.FaceMatched,
        CardIdentity = Encoding.ASCII.GetBytes("card-serial-0001"),
        Personal = personal,
    };

    [Fact]
    public void Append_then_read_back_every_field()
    {
        using var dir = new TempDir();
        var time = Fixtures.Clock();
        var (keys, journal) = Fixtures.OpenJournal(dir, time);
        using (keys)
        using (journal)
        {
            var id = journal.Append(Entry(Fixtures.Start));
            var r = journal.Get(id);
            Assert.Equal(id, r.Id);
            Assert.Equal("reader-test", r.DeviceId);
            Assert.Equal(Fixtures.Start, r.StartedAt);
            Assert.Equal(Fixtures.Start.AddSeconds(3), r.FinishedAt);
            Assert.Equal(VerdictKind.Accepted, r.Verdict);
            Assert.Equal(ErrorCode.Ok, r.Error);
            Assert.Equal("Ok", r.ErrorName);
            Assert.Equal(OperatingMode.Offline, r.Mode);
            Assert.Equal("J-LIS CA key 0102", r.TrustAnchor);
            Assert.Equal(IdentityMethod.FaceMatched, r.Identity);
            Assert.Equal(2, r.Checks.Count);
            Assert.Equal(new CheckLine("face.match", CheckLineStatus.Pass, "score 0.71 >= 0.60"), r.Checks[1]);
            Assert.Equal(TimeSpan.FromMilliseconds(812.5), r.Timings["read"]);
            Assert.Equal(keys.HashCardIdentity(Encoding.ASCII.GetBytes("card-serial-0001")), r.CardHash);
            Assert.Equal(64, r.CardHash!.Length);
            Assert.False(r.HasPersonalData);
            Assert.Null(r.ReconciledAt);
            Assert.Equal("ok", journal.IntegrityCheck());
        }
    }

    [Fact]
    public void Journal_uses_wal_synchronous_full_and_secure_delete_and_is_owner_only()
    {
        using var dir = new TempDir();
        var (keys, journal) = Fixtures.OpenJournal(dir, Fixtures.Clock());
        using (keys)
        using (journal)
        {
            journal.Append(Entry(Fixtures.Start));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("journal.db")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("keys.json")));
        }

        using var db = new SqliteConnection($"Data Source={dir.File("journal.db")};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
    }

    [Fact]
    public void Card_identity_is_only_stored_as_a_keyed_hash()
    {
        using var dir = new TempDir();
        var (keys, journal) = Fixtures.OpenJournal(dir, Fixtures.Clock());
        using (keys)
        using (journal)
        {
            journal.Append(Entry(Fixtures.Start));
            journal.Checkpoint();
        }

        var bytes = File.ReadAllBytes(dir.File("journal.db"));
        Assert.False(Fixtures.ContainsText(bytes, "card-serial-0001"));

        // A different device key gives a different hash: the hash cannot be recomputed without the key.
        using var other = new TempDir();
        using var otherKeys = DeviceKeyRing.OpenOrCreate(other.File("k.json"), TimeProvider.System);
        using var sameKeys = DeviceKeyRing.Open(dir.File("keys.json"));
        Assert.NotEqual(otherKeys.HashCardIdentity(Encoding.ASCII.GetBytes("card-serial-0001")), sameKeys.HashCardIdentity(Encoding.ASCII.GetBytes("card-serial-0001")));
    }

    [Fact]
    public void Personal_fields_are_filtered_by_configuration_encrypted_and_decrypted_with_audit()
    {
        using var dir = new TempDir();
        var time = Fixtures.Clock();
        var (keys, journal) = Fixtures.OpenJournal(dir, time, "name", "birthDate");
        var personal = new PersonalData("山田 太郎", "東京都千代田区霞が関1-1", new DateOnly(1980, 2, 17), [1, 2, 3]);
        JournalRecordId id;
        using (keys)
        using (journal)
        {
            id = journal.Append(Entry(Fixtures.Start, personal: personal));
            Assert.True(journal.Get(id).HasPersonalData);
            var back = journal.ReadPersonalData(id, PersonalDataPurpose.OutagePaperwork)!;
            Assert.Equal("山田 太郎", back.Name);
            Assert.Equal(new DateOnly(1980, 2, 17), back.BirthDate);
            Assert.Null(back.Address);
            Assert.Null(back.Photo);
            Assert.Equal(1, journal.PersonalDataAccessCount(id));
            journal.Checkpoint();
        }

        var bytes = File.ReadAllBytes(dir.File("journal.db"));
        Assert.False(Fixtures.ContainsText(bytes, "山田"));
        Assert.False(Fixtures.ContainsText(bytes, "霞が関"));
        Assert.False(Fixtures.ContainsText(bytes, "1980-02-17"));
    }

    [Fact]
    public void Nothing_personal_is_stored_when_nothing_is_kept()
    {
        using var dir = new TempDir();
        var (keys, journal) = Fixtures.OpenJournal(dir, Fixtures.Clock());
        using (keys)
        using (journal)
        {
            var id = journal.Append(Entry(Fixtures.Start, personal: new PersonalData("山田 太郎", null, null, null)));
            Assert.False(journal.Get(id).HasPersonalData);
            Assert.Null(journal.ReadPersonalData(id, PersonalDataPurpose.StaffReview));
        }
    }

    [Fact]
    public void A_tampered_or_moved_blob_does_not_decrypt()
    {
        using var dir = new TempDir();
        var (keys, journal) = Fixtures.OpenJournal(dir, Fixtures.Clock(), "name");
        using (keys)
        using (journal)
        {
            var a = journal.Append(Entry(Fixtures.Start, personal: new PersonalData("A", null, null, null)));
            var b = journal.Append(Entry(Fixtures.Start, personal: new PersonalData("B", null, null, null)));
            using (var db = new SqliteConnection($"Data Source={dir.File("journal.db")};Pooling=False"))
            {
                db.Open();
                using var cmd = db.CreateCommand();
                cmd.CommandText = "UPDATE taps SET personal = (SELECT personal FROM taps WHERE record_id = $a) WHERE record_id = $b";
                cmd.Parameters.AddWithValue("$a", a.Compact);
                cmd.Parameters.AddWithValue("$b", b.Compact);
                cmd.ExecuteNonQuery();
            }

            Assert.Throws<JournalUnavailableException>(() => journal.ReadPersonalData(b, PersonalDataPurpose.StaffReview));
            Assert.Equal("A", journal.ReadPersonalData(a, PersonalDataPurpose.StaffReview)!.Name);
        }
    }

    [Fact]
    public void Key_rotation_keeps_old_records_readable_and_reencryption_moves_them_to_the_new_key()
    {
        using var dir = new TempDir();
        var time = Fixtures.Clock();
        var (keys, journal) = Fixtures.OpenJournal(dir, time, "name");
        using (keys)
        using (journal)
        {
            var oldKey = keys.CurrentDataKeyId;
            var before = journal.Append(Entry(Fixtures.Start, personal: new PersonalData("Before", null, null, null)));
            var newKey = keys.RotateDataKey(time);
            Assert.NotEqual(oldKey, newKey);
            var after = journal.Append(Entry(Fixtures.Start, personal: new PersonalData("After", null, null, null)));

            // Lazy: the old record still decrypts under its old key.
            Assert.Equal("Before", journal.ReadPersonalData(before, PersonalDataPurpose.StaffReview)!.Name);
            Assert.Equal(new HashSet<string> { oldKey, newKey }, journal.DataKeysInUse());
            Assert.Throws<DeviceKeyException>(() => keys.RetireDataKey(newKey));

            // Eager: re-encrypt, then the old key may be retired.
            Assert.Equal(1, journal.ReencryptPersonalData(CancellationToken.None));
            Assert.Equal(new HashSet<string> { newKey }, journal.DataKeysInUse());
            keys.RetireDataKey(oldKey);
            Assert.Equal([newKey], keys.DataKeyIds);
            Assert.Equal("Before", journal.ReadPersonalData(before, PersonalDataPurpose.StaffReview)!.Name);
            Assert.Equal("After", journal.ReadPersonalData(after, PersonalDataPurpose.StaffReview)!.Name);
        }

        // The rotation was persisted.
        using var reopened = DeviceKeyRing.Open(dir.File("keys.json"));
        Assert.Single(reopened.DataKeyIds);
    }

    [Fact]
    public void A_key_file_readable_by_others_is_refused()
    {
        using var dir = new TempDir();
        using (DeviceKeyRing.OpenOrCreate(dir.File("keys.json"), TimeProvider.System))
        {
        }

        File.SetUnixFileMode(dir.File("keys.json"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var e = Assert.Throws<DeviceKeyException>(() => DeviceKeyRing.Open(dir.File("keys.json")));
        Assert.Contains("chmod 600", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_file_material_never_appears_in_errors()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("keys.json"), """{"version":1,"identityKey":{"id":"i-1","key":"c2VjcmV0"},"dataKeys":[],"currentDataKey":"d"}""");
        File.SetUnixFileMode(dir.File("keys.json"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var e = Assert.Throws<DeviceKeyException>(() => DeviceKeyRing.Open(dir.File("keys.json")));
        Assert.DoesNotContain("c2VjcmV0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Staff_confirmation_needs_an_operator_id_and_only_it_may_carry_one()
    {
        using var dir = new TempDir();
        var (keys, journal) = Fixtures.OpenJournal(dir, Fixtures.Clock());
        using (keys)
        using (journal)
        {
            Assert.Throws<ArgumentException>(() => journal.Append(Entry(Fixtures.Start) with { Identity = IdentityMethod.ConfirmedVisuallyByStaff }));
            Assert.Throws<ArgumentException>(() => journal.Append(Entry(Fixtures.Start) with { StaffOperatorId = "op-7" }));
            var staff = journal.Append(Entry(Fixtures.Start) with { Identity = IdentityMethod.ConfirmedVisuallyByStaff, StaffOperatorId = "op-7" });
            var face = journal.Append(Entry(Fixtures.Start));
            Assert.Equal(IdentityMethod.ConfirmedVisuallyByStaff, journal.Get(staff).Identity);
            Assert.Equal("op-7", journal.Get(staff).StaffOperatorId);
            Assert.Equal(IdentityMethod.FaceMatched, journal.Get(face).Identity);
            Assert.Null(journal.Get(face).StaffOperatorId);
        }
    }

    [Fact]
    public void Query_filters_by_time_and_offline_and_export_writes_jsonl_and_csv()
    {
        using var dir = new TempDir();
        var time = Fixtures.Clock();
        var (keys, journal) = Fixtures.OpenJournal(dir, time);
        using (keys)
        using (journal)
        {
            journal.Append(Entry(Fixtures.Start.AddDays(-2), OperatingMode.Offline));
            var online = journal.Append(Entry(Fixtures.Start, OperatingMode.Online));
            var offline = journal.Append(Entry(Fixtures.Start.AddMinutes(1), OperatingMode.Offline, reason: "quoted, \"text\""));
            Assert.Equal([online, offline], journal.Query(Fixtures.Start.AddHours(-1)).Select(r => r.Id));
            Assert.Equal([offline], journal.Query(Fixtures.Start.AddHours(-1), offlineOnly: true).Select(r => r.Id));

            using var jsonl = new MemoryStream();
            Assert.Equal(2, JournalExporter.Write(journal.Query(Fixtures.Start.AddHours(-1)), jsonl, JournalExportFormat.Jsonl));
            var lines = Encoding.UTF8.GetString(jsonl.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            using var doc = JsonDocument.Parse(lines[1]);
            Assert.Equal(offline.ToString(), doc.RootElement.GetProperty("record_id").GetString());
            Assert.Equal("offline", doc.RootElement.GetProperty("mode").GetString());
            Assert.Equal("face-matched", doc.RootElement.GetProperty("identity_method").GetString());
            Assert.Equal(0, doc.RootElement.GetProperty("error").GetProperty("code").GetInt32());
            Assert.Equal("quoted, \"text\"", doc.RootElement.GetProperty("checks")[0].GetProperty("reason").GetString());

            using var csv = new MemoryStream();
            JournalExporter.Write(journal.Query(Fixtures.Start.AddHours(-1), offlineOnly: true), csv, JournalExportFormat.Csv);
            var csvLines = Encoding.UTF8.GetString(csv.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(string.Join(',', JournalExporter.CsvColumns), csvLines[0]);
            Assert.StartsWith(offline.ToString() + ",reader-test,", csvLines[1], StringComparison.Ordinal);
            Assert.Contains(",offline,accepted,0,Ok,face-matched,", csvLines[1], StringComparison.Ordinal);
            Assert.Contains("PASS surface.cvc; PASS face.match", csvLines[1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Records_can_be_marked_reconciled_and_unknown_ids_are_reported()
    {
        using var dir = new TempDir();
        var time = Fixtures.Clock();
        var (keys, journal) = Fixtures.OpenJournal(dir, time);
        using (keys)
        using (journal)
        {
            var a = journal.Append(Entry(Fixtures.Start));
            var unknown = JournalRecordId.New(Fixtures.Start);
            time.Advance(TimeSpan.FromHours(5));
            var missing = journal.MarkReconciled([a, unknown], "online check 2026-11-20 #42");
            Assert.Equal([unknown], missing);
            var r = journal.Get(a);
            Assert.Equal(Fixtures.Start.AddHours(5), r.ReconciledAt);
            Assert.Equal("online check 2026-11-20 #42", r.ReconciliationReference);
            Assert.Throws<RecordNotFoundException>(() => journal.Get(unknown));
        }
    }

    [Fact]
    public void Purge_deletes_old_records_overwrites_them_and_truncates_the_wal()
    {
        using var dir = new TempDir();
        var time = Fixtures.Clock();
        var (keys, journal) = Fixtures.OpenJournal(dir, time);
        using (keys)
        using (journal)
        {
            var old = journal.Append(Entry(Fixtures.Start.AddDays(-100), reason: "OLD-RECORD-MARKER-7Q"));
            journal.RecordModeChange(new ModeChange(OperatingMode.Online, OperatingMode.Offline, "probe-unreachable", Fixtures.Start.AddDays(-100)));
            var recent = journal.Append(Entry(Fixtures.Start.AddDays(-10), reason: "recent"));
            journal.Checkpoint();
            Assert.True(Fixtures.ContainsText(File.ReadAllBytes(dir.File("journal.db")), "OLD-RECORD-MARKER-7Q"));

            Assert.Equal(1, journal.Purge(Fixtures.Start.AddDays(-90)));
            Assert.Throws<RecordNotFoundException>(() => journal.Get(old));
            Assert.Equal(recent, journal.Get(recent).Id);
            Assert.Empty(journal.ModeChanges(DateTimeOffset.MinValue));
            Assert.Equal(0, new FileInfo(dir.File("journal.db-wal")).Length);
            Assert.False(Fixtures.ContainsText(File.ReadAllBytes(dir.File("journal.db")), "OLD-RECORD-MARKER-7Q"));
            Assert.Equal("ok", journal.IntegrityCheck());
        }
    }

    [Fact]
    public void Mode_changes_are_journaled()
    {
        using var dir = new TempDir();
        var (keys, journal) = Fixtures.OpenJournal(dir, Fixtures.Clock());
        using (keys)
        using (journal)
        {
            var change = new ModeChange(OperatingMode.Unknown, OperatingMode.Offline, "power-fail", Fixtures.Start);
            journal.RecordModeChange(change);
            Assert.Equal([change], journal.ModeChanges(Fixtures.Start.AddMinutes(-1)));
        }
    }

    [Fact]
    public void A_file_that_is_not_a_journal_is_a_typed_error()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("journal.db"), "this is not sqlite, just text long enough to be read as a header..........................................");
        using var keys = DeviceKeyRing.OpenOrCreate(dir.File("keys.json"), TimeProvider.System);
        var e = Assert.Throws<JournalUnavailableException>(() => TapJournal.Open(dir.File("journal.db"), keys, TimeProvider.System, "r"));
        Assert.Equal(ErrorCode.JournalUnavailable, e.Code);
    }

    [Theory]
    [InlineData("01JH-3K5M-8Q2R-7XZW", "01JH3K5M8Q2R7XZW")]
    [InlineData("01jh3k5m8q2r7xzw", "01JH3K5M8Q2R7XZW")]
    [InlineData("O1JH-3K5M-8Q2R-7XZL", "01JH3K5M8Q2R7XZ1")]
    public void Record_ids_parse_in_printed_compact_and_aliased_forms(string text, string compact)
    {
        Assert.True(JournalRecordId.TryParse(text, out var id));
        Assert.Equal(compact, id.Compact);
        Assert.Equal($"{compact[..4]}-{compact[4..8]}-{compact[8..12]}-{compact[12..]}", id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("01JH-3K5M-8Q2R-7XZ")]
    [InlineData("01JH-3K5M-8Q2R-7XZWW")]
    [InlineData("01JH-3K5M-8Q2R-7XZU")]
    public void Malformed_record_ids_are_refused(string text) => Assert.False(JournalRecordId.TryParse(text, out _));

    [Fact]
    public void Record_ids_are_unique_and_sort_by_time()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => JournalRecordId.New(Fixtures.Start.AddMilliseconds(i * 3))).ToList();
        Assert.Equal(1000, ids.Distinct().Count());
        Assert.Equal(ids, ids.Order());
    }
}
