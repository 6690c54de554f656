using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using ReaderKit.Rpc;
using ReaderKit.Rpc.Security;
using ReaderKit.Rpc.Tests.Fakes;
using ReaderKit.RpcTestHost;

// A ReaderKit RPC server over the scripted FakeReaderService, for the native library's tests and samples:
//   ReaderKit.RpcTestHost --dir DIR [--step-delay-ms N] [--hello-timeout-ms N]
// Listens on DIR/rpc.sock and TLS 127.0.0.1:<any port>, then prints one JSON line
//   {"socket": "...", "tlsPort": N, "fingerprint": "<64 hex>", "token": "rk1...."}
// and serves until stdin closes or SIGTERM/SIGINT. The scripted reader accepts security code 1234 (any other is
// CredentialRefused), emits progress steps (and two face prompts when the face check is asked for), honours cancel.
string? dir = null;
var stepDelayMs = 5;
var helloTimeoutMs = 5000;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--dir" when i + 1 < args.Length:
            dir = args[++i];
            break;
        case "--step-delay-ms" when i + 1 < args.Length:
            stepDelayMs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--hello-timeout-ms" when i + 1 < args.Length:
            helloTimeoutMs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        default:
            await Console.Error.WriteLineAsync("usage: ReaderKit.RpcTestHost --dir DIR [--step-delay-ms N] [--hello-timeout-ms N]");
            return 2;
    }
}

if (dir is null)
{
    await Console.Error.WriteLineAsync("usage: ReaderKit.RpcTestHost --dir DIR [--step-delay-ms N] [--hello-timeout-ms N]");
    return 2;
}

Directory.CreateDirectory(dir);
var state = Path.Combine(dir, "state");
using var identity = DeviceIdentity.LoadOrCreate(state);
var tokens = ClientTokenStore.Open(state);
var token = tokens.Issue("native-test");
var service = new FakeReaderService { StepDelay = TimeSpan.FromMilliseconds(stepDelayMs) };
var options = new RpcServerOptions
{
    UnixSocketPath = Path.Combine(dir, "rpc.sock"),
    TlsEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
    RequestsPerSecond = 0, // the benchmark calls back to back
    HelloTimeout = TimeSpan.FromMilliseconds(helloTimeoutMs), // valgrind makes a client's first TLS handshake slow
};
await using var server = new RpcServer(service, options, identity, tokens);
await server.StartAsync();

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
_ = Task.Run(async () =>
{
    // A parent that goes away closes our stdin: stop with it.
    var buffer = new byte[256];
    await using var stdin = Console.OpenStandardInput();
    while (await stdin.ReadAsync(buffer) > 0)
    {
    }

    stop.TrySetResult();
});

var ready = new Dictionary<string, object>
{
    ["socket"] = options.UnixSocketPath,
    ["tlsPort"] = server.TlsEndPoint!.Port,
    ["fingerprint"] = identity.Fingerprint,
    ["token"] = token,
};
Console.Out.WriteLine(JsonSerializer.Serialize(ready, ReadyJson.Default.DictionaryStringObject));
await Console.Out.FlushAsync();
await stop.Task;
return 0;
