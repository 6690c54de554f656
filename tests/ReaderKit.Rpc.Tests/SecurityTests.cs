using ReaderKit.Rpc.Security;

namespace ReaderKit.Rpc.Tests;

public sealed class SecurityTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rk-sec-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void The_device_identity_is_created_once_with_owner_only_permissions_and_keeps_its_fingerprint()
    {
        string first;
        using (var identity = DeviceIdentity.LoadOrCreate(_dir))
        {
            first = identity.Fingerprint;
            Assert.Matches("^[0-9a-f]{64}$", first);
            Assert.True(identity.Certificate.HasPrivateKey);
        }

        using var again = DeviceIdentity.LoadOrCreate(_dir);
        Assert.Equal(first, again.Fingerprint);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, DeviceIdentity.FileName)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dir));
    }

    [Fact]
    public void Pairing_issues_a_token_the_device_stores_only_as_a_hash()
    {
        var result = DevicePairing.Pair(_dir, "pharmacy-pc-1");
        Assert.StartsWith("rk1.", result.Token, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Token, result.ToString(), StringComparison.Ordinal);
        var store = ClientTokenStore.Open(_dir);
        Assert.Equal("pharmacy-pc-1", store.Verify(result.Token));
        var file = File.ReadAllText(Path.Combine(_dir, ClientTokenStore.FileName));
        Assert.DoesNotContain(result.Token[4..], file, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, ClientTokenStore.FileName)));
        using var identity = DeviceIdentity.LoadOrCreate(_dir);
        Assert.Equal(identity.Fingerprint, result.Fingerprint);
    }

    [Fact]
    public void A_reissued_or_revoked_token_stops_working_and_others_keep_working()
    {
        var store = ClientTokenStore.Open(_dir);
        var a = store.Issue("a");
        var b = store.Issue("b");
        var a2 = store.Issue("a");
        Assert.Null(store.Verify(a));
        Assert.Equal("a", store.Verify(a2));
        Assert.True(store.Revoke("a"));
        Assert.Null(store.Verify(a2));
        Assert.Equal("b", store.Verify(b));
        Assert.Equal(["b"], store.List().Select(c => c.Name));
    }

    [Fact]
    public void A_token_issued_by_another_process_is_seen_without_a_restart()
    {
        var server = ClientTokenStore.Open(_dir);
        Assert.Null(server.Verify("rk1.x"));
        var token = ClientTokenStore.Open(_dir).Issue("late");
        Assert.Equal("late", server.Verify(token));
    }

    [Fact]
    public void A_broken_token_file_authorises_nobody()
    {
        var store = ClientTokenStore.Open(_dir);
        var token = store.Issue("a");
        File.WriteAllText(Path.Combine(_dir, ClientTokenStore.FileName), "{ not json");
        Assert.Null(ClientTokenStore.Open(_dir).Verify(token));
    }
}
