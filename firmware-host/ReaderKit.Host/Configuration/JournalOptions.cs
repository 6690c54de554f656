namespace ReaderKit.Host.Configuration;

/// <summary>The <c>Journal</c> section: where the tap journal and the device keys live, what is kept and for how long.</summary>
public sealed class JournalOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Journal";

    /// <summary>The personal fields an operator may choose to keep (encrypted).</summary>
    public static readonly IReadOnlyList<string> PersonalFieldNames = ["name", "address", "birthDate", "sex", "photo"];

    /// <summary>The SQLite journal file (its directory must exist and be writable).</summary>
    public string Path { get; set; } = "/var/lib/readerkit/journal.db";

    /// <summary>The device key file (created 0600 if absent; refused if group or others may read it).</summary>
    public string KeyFile { get; set; } = "/var/lib/readerkit/device-keys.json";

    /// <summary>Records older than this many days are purged (1 – 3650).</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>How often the purge runs (1 min – 7 days).</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Personal fields kept, encrypted, with each record: any of <c>name</c>, <c>address</c>, <c>birthDate</c>, <c>sex</c>, <c>photo</c>. Empty keeps none.</summary>
    public IList<string> KeepPersonalFields { get; } = [];
}
