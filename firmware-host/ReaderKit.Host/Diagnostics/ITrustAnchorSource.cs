namespace ReaderKit.Host.Diagnostics;

/// <summary>Lists the trust anchors the host verifies cards against, with their validity dates where they have some.</summary>
public interface ITrustAnchorSource
{
    /// <summary>The configured store's anchors.</summary>
    IReadOnlyList<TrustAnchorInfo> Anchors();
}
