using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ReaderKit.Host.Diagnostics;

/// <summary>
/// <c>journal.health</c>: the journal file opens read-only, <c>PRAGMA integrity_check</c> says ok, it is in WAL mode,
/// the oldest record is within the retention window (else the purge is not running), and the device key file is
/// owner-only. Opens nothing for writing and creates nothing.
/// </summary>
public sealed class JournalHealthCheck(string journalPath, string keyFile, int retentionDays, TimeProvider time) : IDoctorCheck
{
    public string Name => "journal.health";

    public Task<DoctorLine> RunAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(journalPath))
        {
            return Task.FromResult(new DoctorLine(Name, DoctorStatus.Warn, $"no journal at {journalPath} yet", "Start the service once (systemctl start readerkit); it creates the journal."));
        }

        if (!File.Exists(keyFile))
        {
            return Task.FromResult(new DoctorLine(Name, DoctorStatus.Fail, $"journal present but no device key file at {keyFile}: encrypted fields cannot be read",
                "Restore the key file from backup; without it, kept personal fields are lost."));
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(keyFile) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            return Task.FromResult(new DoctorLine(Name, DoctorStatus.Fail, $"the device key file {keyFile} is readable by group or others", $"chmod 600 {keyFile}"));
        }

        try
        {
            using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = journalPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            db.Open();
            var integrity = Scalar(db, "PRAGMA integrity_check") as string;
            if (!string.Equals(integrity, "ok", StringComparison.Ordinal))
            {
                return Task.FromResult(new DoctorLine(Name, DoctorStatus.Fail, $"integrity_check: {integrity}", "Stop the service, keep a copy of the file, and restore the journal from backup."));
            }

            var mode = Scalar(db, "PRAGMA journal_mode") as string;
            var count = Convert.ToInt64(Scalar(db, "SELECT count(*) FROM taps"), CultureInfo.InvariantCulture);
            var oldest = Scalar(db, "SELECT min(started_unix_ms) FROM taps") is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
            var wal = new FileInfo(journalPath + "-wal");
            var walBytes = wal.Exists ? wal.Length : 0;
            var detail = string.Create(CultureInfo.InvariantCulture, $"integrity ok, {count} records, WAL {walBytes / 1024} KiB");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                return Task.FromResult(new DoctorLine(Name, DoctorStatus.Warn, detail + $", journal_mode={mode}", "Start the host once; it switches the journal to WAL."));
            }

            if (oldest is { } o && time.GetUtcNow() - o > TimeSpan.FromDays(retentionDays + 1))
            {
                return Task.FromResult(new DoctorLine(Name, DoctorStatus.Warn,
                    detail + string.Create(CultureInfo.InvariantCulture, $", oldest record {o:yyyy-MM-dd} is past the {retentionDays}-day retention"),
                    "The purge runs inside the host; make sure the service is running (it purges every Journal:PurgeInterval)."));
            }

            return Task.FromResult(new DoctorLine(Name, DoctorStatus.Ok, detail));
        }
        catch (SqliteException e)
        {
            return Task.FromResult(new DoctorLine(Name, DoctorStatus.Fail, $"cannot open {journalPath}: {e.Message}", "Check the file's owner and permissions (the service user must own it)."));
        }
    }

    private static object? Scalar(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
