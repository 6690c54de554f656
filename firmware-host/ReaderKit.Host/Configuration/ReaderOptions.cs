namespace ReaderKit.Host.Configuration;

/// <summary>The <c>Reader</c> section: who this device is, how one tap is bounded, and whether the world is simulated.</summary>
public sealed class ReaderOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Reader";

    /// <summary>This reader's id, printed on receipts and journaled with every record: 1–32 of <c>A–Z a–z 0–9 - _</c>.</summary>
    public string DeviceId { get; set; } = "";

    /// <summary>The language prompts and results are shown in first: <c>ja</c> or <c>en</c>.</summary>
    public string Language { get; set; } = "ja";

    /// <summary>The whole tap's deadline, from card present to result (1 s – 10 min).</summary>
    public TimeSpan TapDeadline { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How long the reader waits for 照合番号B once a card is present (1 s – 10 min).</summary>
    public TimeSpan NumberBWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the reader waits for the card to leave after a result before it warns (1 s – 10 min).</summary>
    public TimeSpan RemovalWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After each tap's result, while the reader waits for the card to be removed, give the memory of the tap back to
    /// the system before the next one (<see cref="Reader.MemoryRelease"/>: one blocking, compacting, aggressive garbage
    /// collection, the pending finalizers, then glibc's <c>malloc_trim</c>), for a steady resident size on a small board.
    /// Default on.
    /// </summary>
    public bool ReleaseMemoryAfterTap { get; set; } = true;

    /// <summary>
    /// Most thread-pool worker threads the host process may run (0: automatic, <see cref="Reader.ProcessLimits.WorkerThreadsFor"/>:
    /// four per processor, at least eight; else 4–1024). Set by <c>readerkit-host</c> at start (not by a host embedded in
    /// another process). Every worker that ran native code (inference, images, SQLite) keeps per-thread native memory, and
    /// the pool adds workers whenever its work items run long — unbounded, the resident size grows with every tap.
    /// </summary>
    public int MaxWorkerThreads { get; set; }

    /// <summary>How long staff have to confirm the holder against the chip photo on the staff-assisted path (1 s – 10 min).</summary>
    public TimeSpan StaffWait { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How often the idle loop polls the field for a card, and how often waits re-check removal (50 ms – 2 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a caller's lease on the reader lasts without renewal (1 s – 1 h).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>True (default) when a face match or a staff confirmation is required for ACCEPT; an unattended kiosk must keep it.</summary>
    public bool RequireFace { get; set; } = true;

    /// <summary>Where the running host writes its status for <c>readerkit status</c> (atomic replace).</summary>
    public string StatusFile { get; set; } = "/run/readerkit/status.json";

    /// <summary>An extra trust-store file on top of the built-in production anchors (the trust library's JSON format), or null.</summary>
    public string? TrustFile { get; set; }

    /// <summary>Where the face models (and their SHA256SUMS) are installed.</summary>
    public string ModelsDirectory { get; set; } = "/usr/lib/readerkit/models";

    /// <summary>
    /// Deadline of one step of the face check's active challenge: showing a prompt and capturing its frames (1–30 s,
    /// default 6 s; the face library refuses anything outside that range).
    /// </summary>
    public TimeSpan FaceStepTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>The simulated world, when <see cref="SimulationOptions.Enabled"/>; otherwise the real PN532, camera and GPIO.</summary>
    public SimulationOptions Simulation { get; set; } = new();

    /// <summary>How the real PN532 and camera are attached (used when the simulation is off).</summary>
    public HardwareOptions Hardware { get; set; } = new();
}
