using Microsoft.Extensions.Logging;
using ReaderKit.Rpc.Security;

namespace ReaderKit.Rpc;

/// <summary>What every session shares.</summary>
internal sealed record RpcServerContext(
    IReaderService Service,
    RpcServerOptions Options,
    ReaderLeaseManager Leases,
    TapRegistry Registry,
    EventHub Hub,
    ClientTokenStore? Tokens,
    string? CertificateFingerprint,
    TimeProvider Time,
    ILogger Logger);
