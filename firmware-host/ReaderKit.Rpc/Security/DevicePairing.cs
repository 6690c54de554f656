namespace ReaderKit.Rpc.Security;

/// <summary>
/// What <c>readerkit pair</c> does: makes sure the device identity exists, issues a token for a client, and returns
/// the certificate fingerprint the client must pin together with the token.
/// </summary>
public static class DevicePairing
{
    /// <summary>Pairs <paramref name="clientName"/> with the device whose state lives in <paramref name="stateDirectory"/>.</summary>
    public static PairingResult Pair(string stateDirectory, string clientName, TimeProvider? time = null)
    {
        using var identity = DeviceIdentity.LoadOrCreate(stateDirectory, time);
        var token = ClientTokenStore.Open(stateDirectory).Issue(clientName, time);
        return new PairingResult(identity.Fingerprint, clientName, token);
    }
}
