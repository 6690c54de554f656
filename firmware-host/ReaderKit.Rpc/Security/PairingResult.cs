namespace ReaderKit.Rpc.Security;

/// <summary>The outcome of pairing: the fingerprint to pin, and the token (shown once, stored only as a hash on the device).</summary>
public sealed record PairingResult(string Fingerprint, string ClientName, string Token)
{
    /// <summary>Redacts the token.</summary>
    public override string ToString() => $"PairingResult {{ Fingerprint = {Fingerprint}, ClientName = {ClientName}, Token = *** }}";
}
