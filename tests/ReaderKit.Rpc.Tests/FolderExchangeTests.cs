using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using ReaderKit.Protocol;
using ReaderKit.Protocol.Messages;
using ReaderKit.Rpc.FolderExchange;
using ReaderKit.Rpc.Tests.Fakes;

namespace ReaderKit.Rpc.Tests;

public sealed class FolderExchangeTests
{
    private static readonly XNamespace Ns = "urn:readerkit:folder-exchange:1";

    [Fact]
    public async Task A_request_dropped_in_the_inbox_comes_back_as_json_and_schema_valid_xml_with_only_allowed_fields()
    {
        await using var server = await TestServer.StartAsync();
        var (inbox, outbox) = Folders(server);
        await using var exchange = new FolderExchange.FolderExchange(server.Service, server.Server.Leases, new FolderExchangeOptions
        {
            InboxDirectory = inbox,
            OutboxDirectory = outbox,
            AllowedFields = [PersonalField.Name, PersonalField.BirthDate],
            PollInterval = TimeSpan.FromMilliseconds(50),
        });
        await exchange.StartAsync();
        await DropAsync(inbox, "rx-0001", """{"requestId":"rx-0001","numberB":{"birthDate":"1980-02-17","expiryYear":2031,"securityCode":"1234"},"options":{"fields":["name","photo"],"face":true}}""");

        var json = await WaitForFileAsync(Path.Combine(outbox, "rx-0001.json"));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("readerkit-folder/1", root.GetProperty("format").GetString());
        Assert.Equal("rx-0001", root.GetProperty("requestId").GetString());
        Assert.True(root.GetProperty("verdict").GetString() == "Accepted", json);
        Assert.Equal("matched", root.GetProperty("face").GetProperty("decision").GetString());
        var fields = root.GetProperty("fields");
        Assert.Equal("山田 太郎", fields.GetProperty("name").GetString());
        Assert.False(fields.TryGetProperty("photoJp2Base64", out _)); // asked for, but not allowed
        Assert.False(fields.TryGetProperty("birthDate", out _)); // allowed, but not asked for

        var xml = await WaitForFileAsync(Path.Combine(outbox, "rx-0001.xml"));
        var document = Validate(xml);
        Assert.Equal("Accepted", document.Root!.Element(Ns + "Verdict")!.Value);
        Assert.Equal("山田 太郎", document.Root.Element(Ns + "Fields")!.Element(Ns + "Name")!.Value);
        Assert.Null(document.Root.Element(Ns + "Fields")!.Element(Ns + "Photo"));

        Assert.Empty(Directory.GetFiles(inbox));
        Assert.DoesNotContain(Directory.GetFiles(outbox), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.All(server.Service.SeenNumberB, n => Assert.True(n.IsDisposed));
        Assert.DoesNotContain("1234", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Taps_started_over_rpc_are_written_too_without_fields_the_configuration_did_not_enable()
    {
        await using var server = await TestServer.StartAsync();
        var (inbox, outbox) = Folders(server);
        await using var exchange = new FolderExchange.FolderExchange(server.Service, server.Server.Leases, new FolderExchangeOptions { InboxDirectory = inbox, OutboxDirectory = outbox });
        await exchange.StartAsync();
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await client.HelloAsync();
        using var numberB = NumberBInput.FromParts(new DateOnly(1980, 2, 17), 2031, "1234");
        var started = await client.CallAsync<TapStartRequest, TapStarted>(RpcMethods.TapStart, new TapStartRequest(numberB, new TapOptions { Fields = [.. PersonalField.All] }));

        var json = await WaitForFileAsync(Path.Combine(outbox, started.TapId + ".json"));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("Accepted", doc.RootElement.GetProperty("verdict").GetString());
        Assert.False(doc.RootElement.TryGetProperty("fields", out _));
        Validate(await WaitForFileAsync(Path.Combine(outbox, started.TapId + ".xml")));
    }

    [Theory]
    [InlineData("bad-json", "{ nope", "InvalidInput")]
    [InlineData("no-code", """{"numberB":{"birthDate":"1980-02-17","expiryYear":2031}}""", "InvalidInput")]
    [InlineData("long-code", """{"numberB":{"birthDate":"1980-02-17","expiryYear":2031,"securityCode":"98765"}}""", "InvalidInput")]
    [InlineData("bad-field", """{"numberB":{"digits":"55021720311234"},"options":{"fields":["myNumber"]}}""", "InvalidInput")]
    public async Task A_bad_request_gets_a_refusal_file_that_never_echoes_the_secret(string stem, string body, string errorName)
    {
        await using var server = await TestServer.StartAsync();
        var (inbox, outbox) = Folders(server);
        await using var exchange = new FolderExchange.FolderExchange(server.Service, server.Server.Leases, new FolderExchangeOptions { InboxDirectory = inbox, OutboxDirectory = outbox, PollInterval = TimeSpan.FromHours(1) });
        await exchange.StartAsync();
        await DropAsync(inbox, stem, body);
        await exchange.ProcessInboxOnceAsync(); // or the first poll took it

        var json = await WaitForFileAsync(Path.Combine(outbox, stem + ".json"));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("Refused", doc.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(errorName, doc.RootElement.GetProperty("error").GetProperty("name").GetString());
        Assert.DoesNotContain("98765", json, StringComparison.Ordinal);
        Validate(await WaitForFileAsync(Path.Combine(outbox, stem + ".xml")));
        Assert.Empty(Directory.GetFiles(inbox));
        Assert.Equal(0, server.Service.TapsStarted);
    }

    [Fact]
    public async Task A_request_while_an_rpc_client_holds_the_lease_is_refused_with_LeaseHeld()
    {
        await using var server = await TestServer.StartAsync();
        var (inbox, outbox) = Folders(server);
        await using var exchange = new FolderExchange.FolderExchange(server.Service, server.Server.Leases, new FolderExchangeOptions { InboxDirectory = inbox, OutboxDirectory = outbox, PollInterval = TimeSpan.FromHours(1) });
        await exchange.StartAsync();
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await client.HelloAsync(name: "reception");
        await client.CallAsync<LeaseRequest, LeaseGrant>(RpcMethods.ReaderAcquireLease, new LeaseRequest());
        await DropAsync(inbox, "rx-2", """{"numberB":{"digits":"55021720311234"}}""");
        await exchange.ProcessInboxOnceAsync();
        var json = await WaitForFileAsync(Path.Combine(outbox, "rx-2.json"));
        Assert.Contains("\"LeaseHeld\"", json, StringComparison.Ordinal);
        Assert.Equal(0, server.Service.TapsStarted);
    }

    [Fact]
    public async Task Result_files_appear_only_by_rename_so_a_watcher_never_sees_a_partial_file()
    {
        await using var server = await TestServer.StartAsync();
        var (inbox, outbox) = Folders(server);
        Directory.CreateDirectory(outbox);
        var created = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var renamed = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var watcher = new FileSystemWatcher(outbox) { IncludeSubdirectories = false, EnableRaisingEvents = true };
        watcher.Created += (_, e) => created.Enqueue(e.Name!);
        watcher.Renamed += (_, e) => renamed.Enqueue(e.Name!);
        await using var exchange = new FolderExchange.FolderExchange(server.Service, server.Server.Leases, new FolderExchangeOptions { InboxDirectory = inbox, OutboxDirectory = outbox, PollInterval = TimeSpan.FromHours(1) });
        await exchange.StartAsync();
        await DropAsync(inbox, "rx-3", """{"numberB":{"digits":"55021720311234"}}""");
        await exchange.ProcessInboxOnceAsync();
        await WaitForFileAsync(Path.Combine(outbox, "rx-3.json"));
        await WaitForFileAsync(Path.Combine(outbox, "rx-3.xml"));
        for (var i = 0; i < 100 && renamed.Count < 2; i++)
        {
            await Task.Delay(50);
        }

        // Under the final names only renames: a file written in place would show up as Created first.
        Assert.Contains("rx-3.json", renamed);
        Assert.Contains("rx-3.xml", renamed);
        Assert.All(created, name => Assert.StartsWith(".", name, StringComparison.Ordinal));
        Assert.NotEmpty(created);
    }

    private static (string Inbox, string Outbox) Folders(TestServer server) =>
        (Path.Combine(server.Directory, "inbox"), Path.Combine(server.Directory, "outbox"));

    private static async Task DropAsync(string inbox, string stem, string body)
    {
        Directory.CreateDirectory(inbox);
        var temp = Path.Combine(inbox, stem + ".json.tmp");
        await File.WriteAllTextAsync(temp, body, Encoding.UTF8);
        File.Move(temp, Path.Combine(inbox, stem + ".json"));
    }

    private static async Task<string> WaitForFileAsync(string path)
    {
        for (var i = 0; i < 400 && !File.Exists(path); i++)
        {
            await Task.Delay(50);
        }

        return await File.ReadAllTextAsync(path);
    }

    private static XDocument Validate(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add("urn:readerkit:folder-exchange:1", Path.Combine(AppContext.BaseDirectory, "readerkit-folder-1.xsd"));
        var document = XDocument.Parse(xml);
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add(e.Message));
        Assert.Empty(errors);
        return document;
    }
}
