namespace ReaderKit.Trust;

/// <summary>Which anchors the verifiers may use: the trust store, and whether test-hierarchy anchors are allowed.</summary>
public sealed record TrustOptions
{
    /// <summary>The anchors (default: the built-in production ones).</summary>
    public TrustStore TrustStore { get; init; } = TrustStore.Production;

    /// <summary>
    /// Accept test-hierarchy anchors (<see cref="TrustAnchor.IsTestAnchor"/>: CVC key ids starting with 6, <c>O=JPKI-TEST</c>
    /// roots, trust-file entries marked <c>"test": true</c> such as the simulator's test PKI). Off by default: a test card is
    /// not a person's card, so a CVC that chains to a test anchor fails <c>surface.cvc</c>/<c>text.cvc</c> unless this is set.
    /// The CLI maps <c>--allow-test-anchors</c> to it.
    /// </summary>
    public bool AllowTestAnchors { get; init; }
}
