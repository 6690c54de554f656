using System.ComponentModel;
using System.Diagnostics;
using System.Text;

using ReaderKit.Face.Camera;

namespace ReaderKit.Tap.Devices.Cameras;

/// <summary>
/// Frames from a child process writing MJPEG to stdout (rpicam-vid, or ffmpeg for V4L2). The process is killed on dispose;
/// when it exits, readers drain the buffered frames and then get <see cref="CameraFailure.ProcessExited"/> with its exit code
/// and the tail of its stderr.
/// </summary>
public sealed class ProcessMjpegFrameSource : IFrameSource
{
    private const int StderrTailChars = 2000;
    private readonly ProcessStartInfo _startInfo;
    private readonly FrameSourceOptions _options;
    private readonly FrameBuffer _buffer;
    private readonly StringBuilder _stderr = new();
    private readonly CancellationTokenSource _stop = new();
    private Process? _process;
    private Task? _pump;

    public ProcessMjpegFrameSource(string fileName, IEnumerable<string> arguments, FrameSourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        _options = options ?? new FrameSourceOptions();
        _startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var a in arguments)
        {
            _startInfo.ArgumentList.Add(a);
        }

        Description = fileName + " " + string.Join(' ', _startInfo.ArgumentList);
        _buffer = new FrameBuffer(_options, Description);
    }

    public string Description { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_process is not null)
        {
            throw new InvalidOperationException("already started");
        }

        var process = new Process { StartInfo = _startInfo, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) => AppendStderr(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new CameraUnavailableException(CameraFailure.NotFound, $"cannot start {_startInfo.FileName}: {e.Message}", e);
        }

        process.BeginErrorReadLine();
        _process = process;
        _pump = Task.Run(() => PumpAsync(process, _stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public ValueTask<CameraFrame> ReadFrameAsync(CancellationToken cancellationToken) =>
        _process is null
            ? ValueTask.FromException<CameraFrame>(new CameraUnavailableException(CameraFailure.NotRunning, $"{Description}: not started"))
            : _buffer.ReadAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_process is { } p)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // already exited
            }

            if (_pump is not null)
            {
                await _pump.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            p.Dispose();
        }

        _buffer.Complete(new CameraUnavailableException(CameraFailure.NotRunning, $"{Description}: disposed"));
        _stop.Dispose();
    }

    private async Task PumpAsync(Process process, CancellationToken cancellationToken)
    {
        CameraUnavailableException? failure = null;
        try
        {
            await foreach (var frame in MjpegFrameSplitter.ReadFramesAsync(process.StandardOutput.BaseStream, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                _buffer.TryWrite(frame);
            }

            // Stdout closed: the process is gone or going. Give it a moment to report its exit code.
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2), _options.TimeProvider);
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var code = process.HasExited ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown";
            failure = new CameraUnavailableException(
                CameraFailure.ProcessExited, $"{Description}: camera process exited (code {code}); stderr: {StderrTail()}");
        }
        catch (OperationCanceledException)
        {
            failure = new CameraUnavailableException(CameraFailure.NotRunning, $"{Description}: stopped");
        }
        catch (IOException e)
        {
            failure = new CameraUnavailableException(CameraFailure.DeviceError, $"{Description}: read failed: {e.Message}", e);
        }
        finally
        {
            _buffer.Complete(failure ?? new CameraUnavailableException(CameraFailure.NotRunning, $"{Description}: stopped"));
        }
    }

    private void AppendStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderr)
        {
            _stderr.AppendLine(line);
            if (_stderr.Length > StderrTailChars)
            {
                _stderr.Remove(0, _stderr.Length - StderrTailChars);
            }
        }
    }

    private string StderrTail()
    {
        lock (_stderr)
        {
            return _stderr.ToString().Trim();
        }
    }
}
