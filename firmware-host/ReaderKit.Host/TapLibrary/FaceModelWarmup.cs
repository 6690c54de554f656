using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReaderKit.Face.Models;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Reader;
using ReaderKit.Tap.Faces;

namespace ReaderKit.Host.TapLibrary;

/// <summary>
/// Loads the face models while the host starts, so <c>READY=1</c> (sent once every hosted service has started) means
/// the models are in memory and the first tap does not pay for them. Missing models do not stop the host: the warning is
/// logged, <c>readerkit doctor</c> reports them (FAIL with the fix), and a tap's face step fails closed as before; a model that
/// fails its SHA-256 check is logged the same way (the check's deferred load is not cached, so the next tap tries again).
/// Loading leaves the model files' bytes and the graph optimiser's copies behind as garbage (≈ 40 MB, managed and native);
/// with <c>Reader:ReleaseMemoryAfterTap</c> they go back to the system here (<see cref="MemoryRelease"/>, tens of
/// milliseconds), so the reader does not sit on its start-up peak until the first tap.
/// </summary>
public sealed class FaceModelWarmup(FaceVerifierCheck face, IOptions<ReaderOptions> options, ILogger<FaceModelWarmup> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Run(face.Warm, cancellationToken).ConfigureAwait(false);
            if (options.Value.ReleaseMemoryAfterTap)
            {
                MemoryRelease.Release();
            }
        }
        catch (Exception e) when (e is FaceModelsMissingException or FaceModelInvalidException)
        {
            // A missing, tampered or unloadable model is refused at start as at every tap (models.json SHA-256); the next
            // tap retries the load and fails closed until the models are repaired.
            logger.LogWarning("Face models not loaded at start: {Reason}", e.Message);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
