using ReaderKit.Apdu;
using ReaderKit.Host.Diagnostics;

namespace ReaderKit.Cli.Reader;

/// <summary><c>readerkit doctor</c>'s reader probe for a PC/SC reader (<c>Reader:Hardware:Link</c> = <c>pcsc</c>): the same <see cref="PcscProbeSession"/> as <c>readerkit probe --link pcsc</c>.</summary>
/// <param name="reader">The configured reader name filter (<c>Reader:Hardware:PcscReader</c>), or null.</param>
internal sealed class DoctorPcscProbe(string? reader) : IReaderProbe
{
    public Task<ReaderProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var where = $"pcsc {reader ?? "(the only reader)"}";
        try
        {
            var report = PcscProbeSession.Run(reader);
            return Task.FromResult(new ReaderProbeResult($"pcsc {report.Selected}", "PC/SC reader", true, report.Status.CardPresent, null));
        }
        catch (Exception e) when (e is CardException or IOException or DllNotFoundException or PlatformNotSupportedException)
        {
            return Task.FromResult(new ReaderProbeResult(where, null, false, null, $"{e.GetType().Name}: {e.Message}")
            {
                Fix = "Install and start pcscd (sudo apt install pcscd; systemctl status pcscd), plug in the reader, and check Reader:Hardware:PcscReader.",
            });
        }
    }
}
