using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Personas;
using ReaderKit.VirtualCard.Profiles;

namespace ReaderKit.VirtualCard.Files;

/// <summary>The five applications of the card.</summary>
public enum ApplicationKind
{
    /// <summary>公的個人認証AP.</summary>
    Jpki,

    /// <summary>券面事項入力補助AP (text AP).</summary>
    Text,

    /// <summary>券面事項確認AP (surface AP).</summary>
    Surface,

    /// <summary>住基AP.</summary>
    Juki,

    /// <summary>共通カードAP.</summary>
    Common,
}

/// <summary>AIDs (DF names) of the card's applications, byte-exact to the reference.</summary>
public static class MyNumberCardAids
{
    /// <summary>JPKI AP: D3 92 F0 00 26 01 00 00 00 01.</summary>
    public static ReadOnlySpan<byte> Jpki => [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];

    /// <summary>Text AP: D3 92 10 00 31 00 01 01 04 08.</summary>
    public static ReadOnlySpan<byte> Text => [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08];

    /// <summary>Surface AP: D3 92 10 00 31 00 01 01 04 02.</summary>
    public static ReadOnlySpan<byte> Surface => [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02];

    /// <summary>住基 AP: D3 92 10 00 31 00 01 01 04 01.</summary>
    public static ReadOnlySpan<byte> Juki => [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x01];

    /// <summary>Common AP: D3 92 10 00 31 00 01 01 01 00.</summary>
    public static ReadOnlySpan<byte> Common => [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x01, 0x00];

    /// <summary>GlobalPlatform Issuer Security Domain default AID; selecting it restores the MF-level state.</summary>
    public static ReadOnlySpan<byte> IssuerSecurityDomain => [0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00];

    /// <summary>The AID of an application kind.</summary>
    public static byte[] Of(ApplicationKind kind) => kind switch
    {
        ApplicationKind.Jpki => Jpki.ToArray(),
        ApplicationKind.Text => Text.ToArray(),
        ApplicationKind.Surface => Surface.ToArray(),
        ApplicationKind.Juki => Juki.ToArray(),
        _ => Common.ToArray(),
    };
}

/// <summary>Which verified keys (EF ids in the same DF) open a file or a key: any one of them; empty = always; <see cref="Never"/>.</summary>
public sealed record AccessRule(IReadOnlyList<ushort> AnyOf, bool IsNever = false)
{
    /// <summary>No credential needed.</summary>
    public static AccessRule Always { get; } = new([]);

    /// <summary>Never allowed.</summary>
    public static AccessRule Never { get; } = new([], true);

    /// <summary>Any one of the given key EFs must be verified.</summary>
    public static AccessRule Keys(params ushort[] keys) => new(keys);

    /// <summary>True when the security state satisfies the rule.</summary>
    public bool IsSatisfiedBy(IReadOnlySet<ushort> verified) =>
        !IsNever && (AnyOf.Count == 0 || AnyOf.Any(verified.Contains));
}

/// <summary>An EF of an application.</summary>
public abstract record CardFile(ushort Id)
{
    /// <summary>Short EF identifier for P1=80+SFI / P2=SFI&lt;&lt;3|4 access: the low 5 bits of ids 0001–001E.</summary>
    public int? ShortId => Id is >= 0x0001 and <= 0x001E ? Id : null;
}

/// <summary>
/// A transparent EF (READ BINARY). <see cref="Content"/> is every byte the EF holds, as READ BINARY returns it; the last
/// <see cref="FillerLength"/> of them are filler (<c>FF</c>) past the object, as on a real card.
/// </summary>
public sealed record BinaryFile(ushort Id, byte[] Content, AccessRule Read, int FillerLength = 0) : CardFile(Id)
{
    /// <summary>The byte real cards put after the object: <c>FF</c> (text EF 0001's two filler bytes, soltia48/myna-card).</summary>
    public const byte Filler = 0xFF;

    /// <summary>The stored object without the filler after it.</summary>
    public ReadOnlySpan<byte> Object => Content.AsSpan(0, Content.Length - FillerLength);

    /// <summary>
    /// The EF holding <paramref name="content"/> followed by <c>FF</c> filler up to the next multiple of 256 bytes (at least one
    /// filler byte). Real EFs are allocated larger than their object (text EF 0005 reads 256 bytes for a 160-byte object,
    /// hebingchang/pymyna); how much larger each EF is, is unknown [U] — this rule is our choice.
    /// </summary>
    public static BinaryFile WithFiller(ushort id, byte[] content, AccessRule read)
    {
        ArgumentNullException.ThrowIfNull(content);
        var physical = ((content.Length / 256) + 1) * 256;
        var bytes = new byte[physical];
        content.CopyTo(bytes, 0);
        bytes.AsSpan(content.Length).Fill(Filler);
        return new BinaryFile(id, bytes, read, physical - content.Length);
    }
}

/// <summary>A record EF (READ RECORD), simple-TLV records.</summary>
public sealed record RecordFile(ushort Id, IReadOnlyList<byte[]> Records, AccessRule Read) : CardFile(Id);

/// <summary>
/// An internal EF that is neither transparent nor a record file nor one the card lets a terminal use (a key it keeps for
/// itself, the MF's EF 001E): SELECT answers <c>9000</c>, READ BINARY and READ RECORD <c>6981</c> (soltia48/myna-card, MF EF 001E).
/// </summary>
public sealed record InternalFile(ushort Id, string Purpose) : CardFile(Id);

/// <summary>A key reference (PIN, 照合番号, birth-date key). <see cref="Secret"/> null = not set (answers 6984).</summary>
public sealed record KeyReferenceFile(ushort Id, CredentialSlot? Slot, byte[]? Secret, int MaxTries, int InitialTries) : CardFile(Id)
{
    /// <inheritdoc/>
    public override string ToString() => $"KeyReferenceFile {Id:X4} ({Slot}, max {MaxTries})";
}

/// <summary>How a private-key EF answers INTERNAL AUTHENTICATE (<c>00 88 00 80+SFI</c>).</summary>
public enum InternalAuthentication
{
    /// <summary>Signs SHA-256 DigestInfo(challenge) with PKCS#1 v1.5, no credential (common AP EF 0019).</summary>
    Answers,

    /// <summary><c>6982</c>: a key behind a PIN (JPKI EF 0017 / 001A).</summary>
    BehindPin,

    /// <summary><c>6985</c>: a 券面 AP signing key, which signs through <c>80 2A</c> instead.</summary>
    Refused,
}

/// <summary>A private-key EF used by COMPUTE DIGITAL SIGNATURE or INTERNAL AUTHENTICATE.</summary>
public sealed record PrivateKeyFile(ushort Id, CardSigningKey Key, AccessRule Use, InternalAuthentication InternalAuthentication = InternalAuthentication.BehindPin) : CardFile(Id);

/// <summary>
/// One application DF: its AID, files, and the default key for <c>80 2A 00 00</c> (surface/text AP challenge).
/// The files are built on first use (JPKI holder keys are slow to generate and many tests never touch them).
/// </summary>
public sealed class CardApplication
{
    private readonly Lazy<IReadOnlyDictionary<ushort, CardFile>> files;
    private readonly Lazy<CardSigningKey>? sessionKey;

    /// <summary>An application whose files come from <paramref name="files"/> on first use.</summary>
    public CardApplication(
        ApplicationKind kind, byte[] aid, Func<IReadOnlyDictionary<ushort, CardFile>> files, CardSigningKey? challengeKey, AccessRule challengeRule,
        Func<CardSigningKey>? sessionKey = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        Kind = kind;
        Aid = aid;
        this.files = new Lazy<IReadOnlyDictionary<ushort, CardFile>>(files, LazyThreadSafetyMode.ExecutionAndPublication);
        ChallengeKey = challengeKey;
        ChallengeRule = challengeRule;
        SessionKeySource = sessionKey;
        this.sessionKey = sessionKey is null ? null : new Lazy<CardSigningKey>(sessionKey, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// The RSA key a terminal encrypts a SET SESSION KEY cryptogram to (text AP EF 0006, a key of its own); null in the APs that
    /// offer no secure messaging.
    /// </summary>
    public CardSigningKey? SessionKey => sessionKey?.Value;

    /// <summary>Where <see cref="SessionKey"/> comes from (kept so a tampered copy of the application shares it).</summary>
    public Func<CardSigningKey>? SessionKeySource { get; }

    /// <summary>Which application.</summary>
    public ApplicationKind Kind { get; }

    /// <summary>DF name.</summary>
    public byte[] Aid { get; }

    /// <summary>EFs by file id.</summary>
    public IReadOnlyDictionary<ushort, CardFile> Files => files.Value;

    /// <summary>Key used by <c>80 2A 00 00</c> (the chip key); null where the AP has none.</summary>
    public CardSigningKey? ChallengeKey { get; }

    /// <summary>The AP's credentials, demanded before the challenge signature only by <see cref="CardProfile.ChallengeNeedsCredential"/> (real cards demand none).</summary>
    public AccessRule ChallengeRule { get; }

    /// <summary>The EF with a short id, if any.</summary>
    public CardFile? FileByShortId(int sfi) => Files.Values.FirstOrDefault(f => f.ShortId == sfi);

    /// <inheritdoc/>
    public override string ToString() => $"CardApplication {Kind}";
}

/// <summary>Everything personalised onto one card: applications, MF-level GET DATA objects and RF identity.</summary>
public sealed record CardImage(
    Persona Persona,
    IReadOnlyList<CardApplication> Applications,
    IReadOnlyDictionary<ushort, byte[]> MfDataObjects,
    byte[] Pupi,
    byte[] ContactAtrWithoutTs)
{
    /// <summary>How this model of card behaves (ATR, extended length, …); <see cref="CardProfile.Current"/> unless personalised otherwise.</summary>
    public CardProfile Profile { get; init; } = CardProfile.Current;

    /// <summary>The application of a kind.</summary>
    public CardApplication Application(ApplicationKind kind) => Applications.First(a => a.Kind == kind);

    /// <summary>
    /// The object a transparent EF holds (TLV, DER or fixed record) without the filler after it — what a reader that stops at
    /// the object's end gets (for tests asserting on expected data). Files whose filler is part of the documented content
    /// (text EF 0001's <c>FF FF</c>) include it.
    /// </summary>
    public byte[] ReadFile(ApplicationKind kind, ushort fileId) => Binary(kind, fileId).Object.ToArray();

    /// <summary>Every byte of a transparent EF, filler included: what READ BINARY returns up to the end of the file.</summary>
    public byte[] ReadPhysicalFile(ApplicationKind kind, ushort fileId) => Binary(kind, fileId).Content.ToArray();

    /// <summary>
    /// A copy of this image with one transparent EF's object replaced, for tamper tests (flip a byte in a signed group,
    /// swap the photo, change a key id) that then run through the emulator or a transport like a real card.
    /// <paramref name="change"/> gets the object without filler (<see cref="ReadFile"/>); the same number of filler bytes follows the result.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No transparent EF with that id in the AP.</exception>
    public CardImage WithFile(ApplicationKind kind, ushort fileId, Func<byte[], byte[]> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var original = Application(kind);
        var binary = Binary(kind, fileId);
        var changed = change(binary.Object.ToArray());
        var content = new byte[changed.Length + binary.FillerLength];
        changed.CopyTo(content, 0);
        content.AsSpan(changed.Length).Fill(BinaryFile.Filler);
        var replaced = binary with { Content = content };
        var files = original.Files.ToDictionary(f => f.Key, f => f.Key == fileId ? replaced : f.Value);
        var application = new CardApplication(kind, original.Aid, () => files, original.ChallengeKey, original.ChallengeRule, original.SessionKeySource);
        return this with { Applications = [.. Applications.Select(a => a.Kind == kind ? application : a)] };
    }

    private BinaryFile Binary(ApplicationKind kind, ushort fileId) =>
        Application(kind).Files.TryGetValue(fileId, out var file) && file is BinaryFile binary
            ? binary
            : throw new KeyNotFoundException($"No transparent EF {fileId:X4} in the {kind} AP.");

    /// <summary>A copy with one MF-level GET DATA object replaced (or added).</summary>
    public CardImage WithDataObject(ushort tag, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var objects = MfDataObjects.ToDictionary(o => o.Key, o => o.Value);
        objects[tag] = value.ToArray();
        return this with { MfDataObjects = objects };
    }

    /// <inheritdoc/>
    public override string ToString() => $"CardImage of {Persona.Name}";
}
