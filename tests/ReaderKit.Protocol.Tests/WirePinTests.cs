namespace ReaderKit.Protocol.Tests;

/// <summary>
/// The wire bytes of every message type, pinned. A failure here means the wire changed: that is a deliberate,
/// versioned act (a new minor for additions, a new major otherwise) — update PROTOCOL.md and the pins together.
/// </summary>
public sealed class WirePinTests
{
    public static TheoryData<string> Names => new(CanonicalMessages.All.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Wire_bytes_are_pinned(string name)
    {
        var actual = Convert.ToHexStringLower(CanonicalMessages.All[name]());
        if (Environment.GetEnvironmentVariable("RK_PRINT_PINS") is { } file)
        {
            File.AppendAllText(file, $"        [\"{name}\"] = \"{actual}\",\n");
        }

        Assert.Equal(WirePins.Hex[name], actual);
    }

    [Fact]
    public void Every_method_and_notification_has_a_pinned_example()
    {
        foreach (var method in RpcMethods.All)
        {
            Assert.Contains(WirePins.Hex.Keys, k => k.Contains(method, StringComparison.Ordinal) || method is RpcMethods.DeviceGetInfo or RpcMethods.TrustGetInfo or RpcMethods.TapCancel or RpcMethods.EventsUnsubscribe);
        }

        foreach (var notification in RpcNotifications.All)
        {
            Assert.Contains("notification " + notification, WirePins.Hex.Keys);
        }
    }
}
