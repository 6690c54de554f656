using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReaderKit.Face.Models;
using ReaderKit.Tap.Faces;

namespace ReaderKit.Host.TapLibrary;

/// <summary>
/// Loads the face models while the host starts, so <c>READY=1</c> (sent once every hosted service has started) means
/// the models are in memory and the first tap does not pay for them. Missing models do not stop the host: the warning is
/// logged, <c>readerkit doctor</c> reports them (FAIL with the fix), and a tap's face step fails closed as before.
/// </summary>
public sealed class FaceModelWarmup(FaceVerifierCheck face, ILogger<FaceModelWarmup> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Run(face.Warm, cancellationToken).ConfigureAwait(false);
        }
        catch (FaceModelsMissingException e)
        {
            logger.LogWarning("Face models not loaded at start: {Reason}", e.Message);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
