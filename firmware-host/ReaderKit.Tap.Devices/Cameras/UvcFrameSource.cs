using Iot.Device.Media;

using ReaderKit.Face.Camera;

namespace ReaderKit.Tap.Devices.Cameras;

/// <summary>
/// A USB UVC webcam through V4L2 (<see cref="VideoDevice"/> from Iot.Device.Bindings), capturing MJPEG continuously on a
/// background thread. Not for the Pi Camera Module under libcamera (its /dev/video nodes are raw Bayer): use
/// <see cref="RpicamFrameSource"/> there.
/// </summary>
public sealed class UvcFrameSource : IFrameSource
{
    private readonly UvcOptions _uvc;
    private readonly FrameBuffer _buffer;
    private readonly CancellationTokenSource _stop = new();
    private VideoDevice? _device;
    private Task? _capture;

    public UvcFrameSource(UvcOptions? uvc = null, FrameSourceOptions? options = null)
    {
        _uvc = uvc ?? new UvcOptions();
        Description = $"/dev/video{_uvc.Device} (UVC MJPEG {_uvc.Width}x{_uvc.Height})";
        _buffer = new FrameBuffer(options ?? new FrameSourceOptions(), Description);
    }

    public string Description { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = $"/dev/video{_uvc.Device}";
        if (!File.Exists(path))
        {
            throw new CameraUnavailableException(CameraFailure.NotFound, $"{path} does not exist");
        }

        try
        {
            _device = VideoDevice.Create(new VideoConnectionSettings(_uvc.Device, (_uvc.Width, _uvc.Height), VideoPixelFormat.MJPEG));
            _device.NewImageBufferReady += OnFrame;
            _device.StartCaptureContinuous();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            _device?.Dispose();
            _device = null;
            throw new CameraUnavailableException(CameraFailure.DeviceError, $"{path}: cannot start capture: {e.Message}", e);
        }

        var device = _device;
        _capture = Task.Factory.StartNew(() => CaptureLoop(device, _stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public ValueTask<CameraFrame> ReadFrameAsync(CancellationToken cancellationToken) =>
        _device is null
            ? ValueTask.FromException<CameraFrame>(new CameraUnavailableException(CameraFailure.NotRunning, $"{Description}: not started"))
            : _buffer.ReadAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_capture is not null)
        {
            await _capture.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_device is { } d)
        {
            d.NewImageBufferReady -= OnFrame;
            try
            {
                d.StopCaptureContinuous();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                // device already gone
            }

            d.Dispose();
        }

        _buffer.Complete(new CameraUnavailableException(CameraFailure.NotRunning, $"{Description}: disposed"));
        _stop.Dispose();
    }

    private void OnFrame(object sender, NewImageBufferReadyEventArgs e)
    {
        if (e.Length > 0 && e.Length <= e.ImageBuffer.Length)
        {
            _buffer.TryWrite(e.ImageBuffer.AsSpan(0, e.Length).ToArray());
        }
    }

    private void CaptureLoop(VideoDevice device, CancellationToken cancellationToken)
    {
        try
        {
            device.CaptureContinuous(cancellationToken);
            _buffer.Complete(new CameraUnavailableException(CameraFailure.NotRunning, $"{Description}: capture stopped"));
        }
        catch (OperationCanceledException)
        {
            _buffer.Complete(new CameraUnavailableException(CameraFailure.NotRunning, $"{Description}: stopped"));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            _buffer.Complete(new CameraUnavailableException(CameraFailure.DeviceError, $"{Description}: capture failed: {e.Message}", e));
        }
    }
}
