namespace ReaderKit.Trust;

/// <summary>Where a trust anchor came from.</summary>
public enum TrustAnchorOrigin
{
    /// <summary>Compiled into ReaderKit.Trust (production J-LIS keys and JPKI roots).</summary>
    BuiltIn,

    /// <summary>Added from a trust JSON file (<see cref="TrustStore.Load"/>, <see cref="TrustStore.WithJson"/>).</summary>
    File,
}
