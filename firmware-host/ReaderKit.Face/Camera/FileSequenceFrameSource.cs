namespace ReaderKit.Face.Camera;

/// <summary>
/// Replays image files (JPEG/PNG) as camera frames: a folder (files in name order) or an explicit list. With a frame rate the
/// files are paced in real time and old frames are dropped like a live camera; without one every file is delivered in order.
/// After the last file readers get <see cref="CameraFailure.EndOfStream"/> unless <c>loop</c> is set.
/// </summary>
public sealed class FileSequenceFrameSource : IFrameSource
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp"];
    private readonly IReadOnlyList<string> _files;
    private readonly double? _fps;
    private readonly bool _loop;
    private readonly FrameSourceOptions _options;
    private readonly FrameBuffer _buffer;
    private readonly CancellationTokenSource _stop = new();
    private Task? _pump;

    public FileSequenceFrameSource(IReadOnlyList<string> files, double? framesPerSecond = null, bool loop = false, FrameSourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (framesPerSecond is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(framesPerSecond), "frame rate must be positive");
        }

        _files = files;
        _fps = framesPerSecond;
        _loop = loop;
        _options = options ?? new FrameSourceOptions();
        Description = $"file sequence ({files.Count} files)";
        _buffer = new FrameBuffer(_options, Description, dropOldest: framesPerSecond is not null);
    }

    /// <summary>The image files of <paramref name="directory"/> in ordinal name order.</summary>
    public static FileSequenceFrameSource FromDirectory(string directory, double? framesPerSecond = null, bool loop = false, FrameSourceOptions? options = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new CameraUnavailableException(CameraFailure.NotFound, $"frame folder not found: {directory}");
        }

        var files = Directory.EnumerateFiles(directory)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new FileSequenceFrameSource(files, framesPerSecond, loop, options);
    }

    public string Description { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_files.Count == 0)
        {
            throw new CameraUnavailableException(CameraFailure.NotFound, $"{Description}: no image files");
        }

        _pump ??= Task.Run(() => PumpAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public ValueTask<CameraFrame> ReadFrameAsync(CancellationToken cancellationToken) =>
        _pump is null
            ? ValueTask.FromException<CameraFrame>(new CameraUnavailableException(CameraFailure.NotRunning, $"{Description}: not started"))
            : _buffer.ReadAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        CameraUnavailableException end = new(CameraFailure.EndOfStream, $"{Description}: end of sequence");
        try
        {
            var period = _fps is { } fps ? TimeSpan.FromSeconds(1 / fps) : TimeSpan.Zero;
            do
            {
                foreach (var file in _files)
                {
                    byte[] bytes;
                    try
                    {
                        bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
                    }
                    catch (IOException e)
                    {
                        end = new CameraUnavailableException(CameraFailure.DeviceError, $"{Description}: cannot read {file}: {e.Message}", e);
                        return;
                    }

                    if (_fps is null)
                    {
                        await _buffer.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        _buffer.TryWrite(bytes);
                        await Task.Delay(period, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            while (_loop);
        }
        catch (OperationCanceledException)
        {
            end = new CameraUnavailableException(CameraFailure.NotRunning, $"{Description}: stopped");
        }
        finally
        {
            _buffer.Complete(end);
        }
    }
}
