using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ReaderKit.Contracts;
using ReaderKit.Host.Logging;
using ReaderKit.Host.Outage;

namespace ReaderKit.Host.Journal;

/// <summary>
/// The tap journal: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a record whose <see cref="Append"/>
/// has returned (an <i>acknowledged</i> record) survives a crash or power cut; <c>secure_delete=ON</c>, so purged rows
/// are overwritten, and the WAL is checkpointed and truncated after a purge. One row per tap (verdict, error, each
/// check, timings, mode, trust anchor, identity method, a keyed hash of the card), mode changes in their own table, and
/// personal fields only when configured, sealed with AES-GCM under the device data key.
/// </summary>
/// <remarks>
/// Thread-safe: one connection guarded by a lock (SQLite connections are not). Other processes (the CLI's
/// <c>journal export</c>) may open the same file concurrently; WAL lets readers and one writer proceed, and a busy
/// writer is retried for up to <see cref="BusyTimeout"/>. Every failure of the file surfaces as
/// <see cref="JournalUnavailableException"/>.
/// </remarks>
public sealed class TapJournal : IDisposable
{
    /// <summary>How long a write waits for another process's lock.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private const int SchemaVersion = 1;

    private readonly Lock _gate = new();
    private readonly SqliteConnection _db;
    private readonly DeviceKeyRing _keys;
    private readonly TimeProvider _time;
    private readonly string _deviceId;
    private readonly IReadOnlyList<string> _keep;
    private readonly SecretRedactor _redactor;

    private TapJournal(string path, SqliteConnection db, DeviceKeyRing keys, TimeProvider time, string deviceId, IReadOnlyList<string> keep, SecretRedactor redactor)
    {
        _redactor = redactor;
        Path = path;
        _db = db;
        _keys = keys;
        _time = time;
        _deviceId = deviceId;
        _keep = keep;
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) the journal at <paramref name="path"/>.</summary>
    /// <param name="path">The SQLite file; its directory must exist.</param>
    /// <param name="keys">The device keys (identity hash and personal-field encryption).</param>
    /// <param name="time">The clock for record ids and reconciliation stamps.</param>
    /// <param name="deviceId">This reader's id, stored with every record.</param>
    /// <param name="keepPersonalFields">Which personal fields are stored (<see cref="PersonalData.Only"/>); empty stores none.</param>
    /// <exception cref="JournalUnavailableException">The file cannot be opened, is not a journal, or is from a newer version.</exception>
    /// <param name="redactor">Masks secret-shaped text in check reasons, the anchor and the operator id before they are written (defence in depth; the tap library never puts secrets there).</param>
    public static TapJournal Open(string path, DeviceKeyRing keys, TimeProvider time, string deviceId, IEnumerable<string>? keepPersonalFields = null, SecretRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        SqliteConnection? db = null;
        try
        {
            // Owner-only from the first byte; SQLite gives the -wal and -shm files the same mode.
            if (!File.Exists(path) && !OperatingSystem.IsWindows())
            {
                using var _ = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
            }

            db = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
                DefaultTimeout = (int)BusyTimeout.TotalSeconds,
            }.ToString());
            db.Open();
            Execute(db, $"PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds}");
            var journalMode = Scalar(db, "PRAGMA journal_mode=WAL") as string;
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new JournalUnavailableException($"The journal {path} could not be switched to WAL mode (got {journalMode}).");
            }

            Execute(db, "PRAGMA synchronous=FULL");
            Execute(db, "PRAGMA secure_delete=ON");
            Execute(db, "PRAGMA foreign_keys=ON");
            Migrate(db, path);
            return new TapJournal(path, db, keys, time, deviceId, [.. keepPersonalFields ?? []], redactor ?? new SecretRedactor());
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            db?.Dispose();
            throw new JournalUnavailableException($"The journal {path} cannot be opened: {e.Message}", e);
        }
        catch
        {
            db?.Dispose();
            throw;
        }
    }

    /// <summary>Writes one tap and returns its id once the record is durable (the transaction committed with <c>synchronous=FULL</c>).</summary>
    /// <exception cref="ArgumentException">A staff operator id is missing for a staff confirmation, or present without one.</exception>
    /// <exception cref="JournalUnavailableException">The write failed; the record was not acknowledged.</exception>
    public JournalRecordId Append(TapJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var staff = entry.Identity == IdentityMethod.ConfirmedVisuallyByStaff;
        if (staff != !string.IsNullOrWhiteSpace(entry.StaffOperatorId))
        {
            throw new ArgumentException(staff
                ? "A visual confirmation by staff must carry the operator id."
                : "An operator id belongs only to a visual confirmation by staff.", nameof(entry));
        }

        var id = JournalRecordId.New(_time.GetUtcNow());
        var cardHash = entry.CardIdentity.IsEmpty ? null : _keys.HashCardIdentity(entry.CardIdentity.Span);
        var kept = entry.Personal?.Only(_keep);
        string? keyId = null;
        byte[]? sealedPersonal = null;
        if (kept is not null)
        {
            keyId = _keys.CurrentDataKeyId;
            sealedPersonal = PersonalDataCipher.Seal(kept, id, keyId, _keys.DataKeyBytes(keyId));
        }

        lock (_gate)
        {
            Guard(() =>
            {
                using var tx = _db.BeginTransaction();
                using var cmd = _db.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = """
                    INSERT INTO taps(record_id, device_id, started_at, started_unix_ms, finished_at, verdict, error_code, error_name,
                                     identity_method, staff_operator_id, mode, trust_anchor, card_hash, card_key_id, checks, timings,
                                     personal, personal_key_id)
                    VALUES ($id, $device, $started, $startedMs, $finished, $verdict, $code, $name, $identity, $staff, $mode, $anchor,
                            $hash, $hashKey, $checks, $timings, $personal, $personalKey)
                    """;
                cmd.Parameters.AddWithValue("$id", id.Compact);
                cmd.Parameters.AddWithValue("$device", _deviceId);
                cmd.Parameters.AddWithValue("$started", Iso(entry.StartedAt));
                cmd.Parameters.AddWithValue("$startedMs", entry.StartedAt.ToUnixTimeMilliseconds());
                cmd.Parameters.AddWithValue("$finished", Iso(entry.FinishedAt));
                cmd.Parameters.AddWithValue("$verdict", entry.Verdict.ToString());
                cmd.Parameters.AddWithValue("$code", (int)entry.Error);
                cmd.Parameters.AddWithValue("$name", ErrorCodes.NameOf(entry.Error));
                cmd.Parameters.AddWithValue("$identity", entry.Identity.ToString());
                cmd.Parameters.AddWithValue("$staff", entry.StaffOperatorId is null ? DBNull.Value : _redactor.Redact(entry.StaffOperatorId));
                cmd.Parameters.AddWithValue("$mode", entry.Mode.ToString());
                cmd.Parameters.AddWithValue("$anchor", entry.TrustAnchor is null ? DBNull.Value : _redactor.Redact(entry.TrustAnchor));
                cmd.Parameters.AddWithValue("$hash", (object?)cardHash ?? DBNull.Value);
                cmd.Parameters.AddWithValue("$hashKey", cardHash is null ? DBNull.Value : _keys.IdentityKeyId);
                cmd.Parameters.AddWithValue("$checks", ChecksJson(entry.Checks, _redactor));
                cmd.Parameters.AddWithValue("$timings", TimingsJson(entry.Timings));
                cmd.Parameters.AddWithValue("$personal", (object?)sealedPersonal ?? DBNull.Value);
                cmd.Parameters.AddWithValue("$personalKey", (object?)keyId ?? DBNull.Value);
                cmd.ExecuteNonQuery();
                tx.Commit();
            });
        }

        return id;
    }

    /// <summary>Journals a mode change (durably, like a tap).</summary>
    public void RecordModeChange(ModeChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            Guard(() =>
            {
                using var cmd = _db.CreateCommand();
                cmd.CommandText = "INSERT INTO mode_events(at, at_unix_ms, from_mode, to_mode, reason) VALUES ($at, $ms, $from, $to, $reason)";
                cmd.Parameters.AddWithValue("$at", Iso(change.At));
                cmd.Parameters.AddWithValue("$ms", change.At.ToUnixTimeMilliseconds());
                cmd.Parameters.AddWithValue("$from", change.From.ToString());
                cmd.Parameters.AddWithValue("$to", change.To.ToString());
                cmd.Parameters.AddWithValue("$reason", change.Reason);
                cmd.ExecuteNonQuery();
            });
        }
    }

    /// <summary>Mode changes at or after <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<ModeChange> ModeChanges(DateTimeOffset since)
    {
        lock (_gate)
        {
            return Guard(() =>
            {
                using var cmd = _db.CreateCommand();
                cmd.CommandText = "SELECT at, from_mode, to_mode, reason FROM mode_events WHERE at_unix_ms >= $since ORDER BY seq";
                cmd.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
                using var r = cmd.ExecuteReader();
                var list = new List<ModeChange>();
                while (r.Read())
                {
                    list.Add(new ModeChange(Enum.Parse<OperatingMode>(r.GetString(1)), Enum.Parse<OperatingMode>(r.GetString(2)), r.GetString(3), ParseIso(r.GetString(0))));
                }

                return list;
            });
        }
    }

    /// <summary>Tap records started at or after <paramref name="since"/> (oldest first), optionally only those made offline.</summary>
    public IReadOnlyList<JournalRecord> Query(DateTimeOffset since, bool offlineOnly = false, int? limit = null)
    {
        lock (_gate)
        {
            return Guard(() =>
            {
                using var cmd = _db.CreateCommand();
                cmd.CommandText = $"""
                    SELECT {RecordColumns} FROM taps WHERE started_unix_ms >= $since {(offlineOnly ? "AND mode = 'Offline'" : "")}
                    ORDER BY started_unix_ms, seq {(limit is null ? "" : "LIMIT $limit")}
                    """;
                cmd.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
                if (limit is { } l)
                {
                    cmd.Parameters.AddWithValue("$limit", l);
                }

                using var r = cmd.ExecuteReader();
                var list = new List<JournalRecord>();
                while (r.Read())
                {
                    list.Add(ReadRecord(r));
                }

                return list;
            });
        }
    }

    /// <summary>The record with <paramref name="id"/>.</summary>
    /// <exception cref="RecordNotFoundException">No such record.</exception>
    public JournalRecord Get(JournalRecordId id)
    {
        lock (_gate)
        {
            return Guard(() =>
            {
                using var cmd = _db.CreateCommand();
                cmd.CommandText = $"SELECT {RecordColumns} FROM taps WHERE record_id = $id";
                cmd.Parameters.AddWithValue("$id", id.Compact);
                using var r = cmd.ExecuteReader();
                return r.Read() ? ReadRecord(r) : throw new RecordNotFoundException(id);
            });
        }
    }

    /// <summary>The newest record, or null when the journal is empty.</summary>
    public JournalRecord? Latest()
    {
        lock (_gate)
        {
            return Guard(() =>
            {
                using var cmd = _db.CreateCommand();
                cmd.CommandText = $"SELECT {RecordColumns} FROM taps ORDER BY seq DESC LIMIT 1";
                using var r = cmd.ExecuteReader();
                return r.Read() ? ReadRecord(r) : null;
            });
        }
    }

    /// <summary>Number of tap records.</summary>
    public long Count()
    {
        lock (_gate)
        {
            return Guard(() => Convert.ToInt64(Scalar(_db, "SELECT count(*) FROM taps"), CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Decrypts a record's kept personal fields for <paramref name="purpose"/>; the access is audited. Null when none were kept.</summary>
    /// <exception cref="RecordNotFoundException">No such record.</exception>
    /// <exception cref="DeviceKeyException">The key the record was sealed under is no longer in the key file.</exception>
    public PersonalData? ReadPersonalData(JournalRecordId id, PersonalDataPurpose purpose)
    {
        if (!Enum.IsDefined(purpose))
        {
            throw new ArgumentOutOfRangeException(nameof(purpose));
        }

        byte[]? blob;
        string? keyId;
        lock (_gate)
        {
            (blob, keyId) = Guard(() =>
            {
                using var cmd = _db.CreateCommand();
                cmd.CommandText = "SELECT personal, personal_key_id FROM taps WHERE record_id = $id";
                cmd.Parameters.AddWithValue("$id", id.Compact);
                using var r = cmd.ExecuteReader();
                if (!r.Read())
                {
                    throw new RecordNotFoundException(id);
                }

                return (r.IsDBNull(0) ? null : (byte[])r.GetValue(0), r.IsDBNull(1) ? null : r.GetString(1));
            });
            if (blob is null || keyId is null)
            {
                return null;
            }

            Guard(() =>
            {
                using var cmd = _db.CreateCommand();
                cmd.CommandText = "INSERT INTO personal_access(record_id, at, purpose) VALUES ($id, $at, $purpose)";
                cmd.Parameters.AddWithValue("$id", id.Compact);
                cmd.Parameters.AddWithValue("$at", Iso(_time.GetUtcNow()));
                cmd.Parameters.AddWithValue("$purpose", purpose.ToString());
                cmd.ExecuteNonQuery();
            });
        }

        try
        {
            return PersonalDataCipher.Open(blob, id, keyId, _keys.DataKeyBytes(keyId));
        }
        catch (CryptographicException e)
        {
            throw new JournalUnavailableException($"Personal fields of record {id} do not decrypt (tampered or wrong key file).", e);
        }
    }

    /// <summary>How many audited personal-data reads a record has had.</summary>
    public int PersonalDataAccessCount(JournalRecordId id)
    {
        lock (_gate)
        {
            return Guard(() =>
            {
                using var cmd = _db.CreateCommand();
                cmd.CommandText = "SELECT count(*) FROM personal_access WHERE record_id = $id";
                cmd.Parameters.AddWithValue("$id", id.Compact);
                return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
            });
        }
    }

    /// <summary>
    /// Eager re-encryption after a key rotation: every record sealed under an older data key is re-sealed under the
    /// current one, one transaction per record. Returns how many were re-sealed. Records not re-encrypted keep working
    /// (lazy rotation) as long as their key stays in the key file.
    /// </summary>
    public int ReencryptPersonalData(CancellationToken cancellationToken)
    {
        var current = _keys.CurrentDataKeyId;
        List<(string Id, byte[] Blob, string KeyId)> stale;
        lock (_gate)
        {
            stale = Guard(() =>
            {
                using var cmd = _db.CreateCommand();
                cmd.CommandText = "SELECT record_id, personal, personal_key_id FROM taps WHERE personal IS NOT NULL AND personal_key_id <> $current";
                cmd.Parameters.AddWithValue("$current", current);
                using var r = cmd.ExecuteReader();
                var list = new List<(string, byte[], string)>();
                while (r.Read())
                {
                    list.Add((r.GetString(0), (byte[])r.GetValue(1), r.GetString(2)));
                }

                return list;
            });
        }

        var count = 0;
        foreach (var (rid, blob, keyId) in stale)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = JournalRecordId.Parse(rid);
            var data = PersonalDataCipher.Open(blob, id, keyId, _keys.DataKeyBytes(keyId));
            var resealed = PersonalDataCipher.Seal(data, id, current, _keys.DataKeyBytes(current));
            lock (_gate)
            {
                Guard(() =>
                {
                    using var cmd = _db.CreateCommand();
                    cmd.CommandText = "UPDATE taps SET personal = $p, personal_key_id = $k WHERE record_id = $id AND personal_key_id = $old";
                    cmd.Parameters.AddWithValue("$p", resealed);
                    cmd.Parameters.AddWithValue("$k", current);
                    cmd.Parameters.AddWithValue("$id", rid);
                    cmd.Parameters.AddWithValue("$old", keyId);
                    count += cmd.ExecuteNonQuery();
                });
            }
        }

        if (count > 0)
        {
            Checkpoint();
        }

        return count;
    }

    /// <summary>Data key ids still used by some record (a key not listed may be retired).</summary>
    public IReadOnlySet<string> DataKeysInUse()
    {
        lock (_gate)
        {
            return Guard(() =>
            {
                using var cmd = _db.CreateCommand();
                cmd.CommandText = "SELECT DISTINCT personal_key_id FROM taps WHERE personal_key_id IS NOT NULL";
                using var r = cmd.ExecuteReader();
                var set = new HashSet<string>(StringComparer.Ordinal);
                while (r.Read())
                {
                    set.Add(r.GetString(0));
                }

                return set;
            });
        }
    }

    /// <summary>Marks records reconciled with an optional reference; returns the ids that were not found (nothing is changed for them).</summary>
    public IReadOnlyList<JournalRecordId> MarkReconciled(IEnumerable<JournalRecordId> ids, string? reference)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var missing = new List<JournalRecordId>();
        var at = Iso(_time.GetUtcNow());
        lock (_gate)
        {
            Guard(() =>
            {
                using var tx = _db.BeginTransaction();
                foreach (var id in ids)
                {
                    using var cmd = _db.CreateCommand();
                    cmd.Transaction = tx;
                    cmd.CommandText = "UPDATE taps SET reconciled_at = $at, reconciliation_ref = $ref WHERE record_id = $id";
                    cmd.Parameters.AddWithValue("$at", at);
                    cmd.Parameters.AddWithValue("$ref", (object?)reference ?? DBNull.Value);
                    cmd.Parameters.AddWithValue("$id", id.Compact);
                    if (cmd.ExecuteNonQuery() == 0)
                    {
                        missing.Add(id);
                    }
                }

                tx.Commit();
            });
        }

        return missing;
    }

    /// <summary>
    /// Deletes tap records, their access audit and mode events older than <paramref name="cutoff"/>, overwriting the
    /// freed pages (<c>secure_delete</c>), then checkpoints and truncates the WAL so no copy of the deleted rows stays
    /// in it. Returns the number of tap records deleted.
    /// </summary>
    public int Purge(DateTimeOffset cutoff)
    {
        int deleted;
        lock (_gate)
        {
            deleted = Guard(() =>
            {
                using var tx = _db.BeginTransaction();
                using var cmd = _db.CreateCommand();
                cmd.Transaction = tx;
                cmd.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
                cmd.CommandText = "DELETE FROM personal_access WHERE record_id IN (SELECT record_id FROM taps WHERE started_unix_ms < $cutoff)";
                cmd.ExecuteNonQuery();
                cmd.CommandText = "DELETE FROM taps WHERE started_unix_ms < $cutoff";
                var n = cmd.ExecuteNonQuery();
                cmd.CommandText = "DELETE FROM mode_events WHERE at_unix_ms < $cutoff";
                cmd.ExecuteNonQuery();
                tx.Commit();
                return n;
            });
        }

        Checkpoint();
        return deleted;
    }

    /// <summary>Copies the WAL into the database and truncates it to zero bytes (best effort when a reader holds a snapshot).</summary>
    public void Checkpoint()
    {
        lock (_gate)
        {
            Guard(() => Execute(_db, "PRAGMA wal_checkpoint(TRUNCATE)"));
        }
    }

    /// <summary><c>PRAGMA integrity_check</c>: "ok" or the first problems SQLite reports.</summary>
    public string IntegrityCheck()
    {
        lock (_gate)
        {
            return Guard(() =>
            {
                using var cmd = _db.CreateCommand();
                cmd.CommandText = "PRAGMA integrity_check";
                using var r = cmd.ExecuteReader();
                var lines = new List<string>();
                while (r.Read())
                {
                    lines.Add(r.GetString(0));
                }

                return string.Join("; ", lines);
            });
        }
    }

    /// <summary>The oldest record's start time, or null.</summary>
    public DateTimeOffset? OldestRecord()
    {
        lock (_gate)
        {
            return Guard(() => Scalar(_db, "SELECT min(started_unix_ms) FROM taps") is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _db.Dispose();
        }
    }

    private const string RecordColumns = """
        record_id, device_id, started_at, finished_at, verdict, error_code, error_name, identity_method, staff_operator_id, mode,
        trust_anchor, card_hash, checks, timings, personal IS NOT NULL, reconciled_at, reconciliation_ref
        """;

    private static JournalRecord ReadRecord(SqliteDataReader r) => new()
    {
        Id = JournalRecordId.Parse(r.GetString(0)),
        DeviceId = r.GetString(1),
        StartedAt = ParseIso(r.GetString(2)),
        FinishedAt = ParseIso(r.GetString(3)),
        Verdict = Enum.Parse<VerdictKind>(r.GetString(4)),
        Error = (ErrorCode)r.GetInt32(5),
        ErrorName = r.GetString(6),
        Identity = Enum.Parse<IdentityMethod>(r.GetString(7)),
        StaffOperatorId = r.IsDBNull(8) ? null : r.GetString(8),
        Mode = Enum.Parse<OperatingMode>(r.GetString(9)),
        TrustAnchor = r.IsDBNull(10) ? null : r.GetString(10),
        CardHash = r.IsDBNull(11) ? null : r.GetString(11),
        Checks = ParseChecks(r.GetString(12)),
        Timings = ParseTimings(r.GetString(13)),
        HasPersonalData = r.GetBoolean(14),
        ReconciledAt = r.IsDBNull(15) ? null : ParseIso(r.GetString(15)),
        ReconciliationReference = r.IsDBNull(16) ? null : r.GetString(16),
    };

    private static void Migrate(SqliteConnection db, string path)
    {
        var version = Convert.ToInt32(Scalar(db, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new JournalUnavailableException($"The journal {path} has schema version {version}; this host knows up to {SchemaVersion}.");
        }

        if (version == SchemaVersion)
        {
            return;
        }

        using var tx = db.BeginTransaction();
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            CREATE TABLE taps(
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                record_id TEXT NOT NULL UNIQUE,
                device_id TEXT NOT NULL,
                started_at TEXT NOT NULL,
                started_unix_ms INTEGER NOT NULL,
                finished_at TEXT NOT NULL,
                verdict TEXT NOT NULL,
                error_code INTEGER NOT NULL,
                error_name TEXT NOT NULL,
                identity_method TEXT NOT NULL,
                staff_operator_id TEXT,
                mode TEXT NOT NULL,
                trust_anchor TEXT,
                card_hash TEXT,
                card_key_id TEXT,
                checks TEXT NOT NULL,
                timings TEXT NOT NULL,
                personal BLOB,
                personal_key_id TEXT,
                reconciled_at TEXT,
                reconciliation_ref TEXT);
            CREATE INDEX taps_started ON taps(started_unix_ms);
            CREATE TABLE mode_events(
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                at_unix_ms INTEGER NOT NULL,
                from_mode TEXT NOT NULL,
                to_mode TEXT NOT NULL,
                reason TEXT NOT NULL);
            CREATE TABLE personal_access(
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                record_id TEXT NOT NULL,
                at TEXT NOT NULL,
                purpose TEXT NOT NULL);
            PRAGMA user_version = 1;
            """;
        cmd.ExecuteNonQuery();
        tx.Commit();
    }

    private static string ChecksJson(IReadOnlyList<CheckLine> checks, SecretRedactor redactor)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var c in checks)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("status", c.StatusWord);
                w.WriteString("reason", redactor.Redact(c.Reason));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string TimingsJson(IReadOnlyDictionary<string, TimeSpan> timings)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var (step, duration) in timings)
            {
                w.WriteNumber(step, Math.Round(duration.TotalMilliseconds, 3));
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static List<CheckLine> ParseChecks(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.EnumerateArray().Select(e => new CheckLine(
            e.GetProperty("name").GetString()!, CheckLine.ParseStatus(e.GetProperty("status").GetString()!), e.GetProperty("reason").GetString()!))];
    }

    private static Dictionary<string, TimeSpan> ParseTimings(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => TimeSpan.FromMilliseconds(p.Value.GetDouble()), StringComparer.Ordinal);
    }

    private static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseIso(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static void Execute(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException e)
        {
            throw new JournalUnavailableException($"The journal {Path} failed: {e.Message}", e);
        }
    }

    private void Guard(Action action) => Guard(() =>
    {
        action();
        return 0;
    });
}
