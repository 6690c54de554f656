namespace ReaderKit.Host.Reader;

/// <summary>The notifications the reader publishes (the RPC server maps them onto its notification messages).</summary>
public enum ReaderEventKind
{
    StateChanged,
    CardPresent,
    CardRemoved,
    Progress,
    Prompt,
    StaffCheckRequired,
    Result,
    ModeChanged,
}
