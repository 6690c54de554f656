namespace ReaderKit.Trust;

/// <summary>
/// The raw bytes of each EF as READ BINARY returned them (null = not read). The verifiers (<see cref="SurfaceVerifier"/>,
/// <see cref="TextVerifier"/>, <see cref="JpkiVerifier"/>, <see cref="CommonVerifier"/>) check these bytes, whether they came
/// live from <see cref="CardInspector"/> or from dump files (<c>readerkit verify-dump</c>).
/// </summary>
public sealed record CardEvidence
{
    public byte[]? SurfaceCardFace { get; init; }

    public byte[]? SurfaceCertificate { get; init; }

    public byte[]? SurfaceApInfo { get; init; }

    public byte[]? SurfaceAgeRecord { get; init; }

    public byte[]? TextAttributes { get; init; }

    public byte[]? TextIntegrity { get; init; }

    public byte[]? TextCertificate { get; init; }

    public byte[]? TextCardKey { get; init; }

    /// <summary>Text AP EF 0001 (17 physical bytes) — only ever set under a configured My Number purpose.</summary>
    public byte[]? TextMyNumberFile { get; init; }

    public byte[]? JpkiAuthCertificate { get; init; }

    public byte[]? JpkiAuthCaCertificate { get; init; }

    public byte[]? CommonRecord { get; init; }
}
