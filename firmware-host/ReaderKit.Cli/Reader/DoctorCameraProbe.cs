using ReaderKit.Face.Camera;
using ReaderKit.Host.Diagnostics;
using ReaderKit.Tap;
using SkiaSharp;

namespace ReaderKit.Cli.Reader;

/// <summary>
/// <c>readerkit doctor</c>'s camera probe over the configured frame source factory (the same one the host composes):
/// opens the camera, reads one frame within <see cref="Deadline"/> and reports its size (decoded header only).
/// </summary>
/// <param name="cameras">The configured camera.</param>
internal sealed class DoctorCameraProbe(IFrameSourceFactory cameras) : ICameraProbe
{
    /// <summary>Open, start and the first frame.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(8);

    public async Task<CameraProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var name = cameras.Description;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            var source = cameras.Open();
            await using (source.ConfigureAwait(false))
            {
                await source.StartAsync(deadline.Token).ConfigureAwait(false);
                var frame = await source.ReadFrameAsync(deadline.Token).ConfigureAwait(false);
                using var data = SKData.CreateCopy(frame.EncodedImage);
                using var codec = SKCodec.Create(data);
                return codec is null
                    ? new CameraProbeResult(name, 0, 0, 0, "the frame is not an image") { Fix = "Check the camera's output format (MJPEG or JPEG frames)." }
                    : new CameraProbeResult(name, 1, codec.Info.Width, codec.Info.Height, null);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CameraProbeResult(name, 0, 0, 0, $"no frame within {Deadline.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is CameraUnavailableException or IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return new CameraProbeResult(name, 0, 0, 0, $"{e.GetType().Name}: {e.Message}");
        }
        catch (ReaderKit.Face.Models.FaceModelsMissingException e)
        {
            return new CameraProbeResult(name, 0, 0, 0, e.Message) { Fix = "Install the face models (see face.models)." };
        }
    }
}
