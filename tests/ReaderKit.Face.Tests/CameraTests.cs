using ReaderKit.Face.Camera;
using ReaderKit.Face.Imaging;
using ReaderKit.Tap.Devices.Cameras;

namespace ReaderKit.Face.Tests;

public sealed class CameraTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("readerkit-face-cam-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Jpeg(int shade) => FaceImageDecoder.EncodeJpeg(FaceImage.Filled(64, 48, (byte)shade, 80, 40), 80);

    /// <summary>A JPEG whose APP1 segment carries a fake embedded thumbnail (its own SOI ... EOI) after the real SOI.</summary>
    private static byte[] JpegWithThumbnailMarkers(int shade)
    {
        var jpeg = Jpeg(shade);
        byte[] payload = [.. "Exif\0\0"u8.ToArray(), 0xFF, 0xD8, 0x01, 0x02, 0xFF, 0xD9, 0x00];
        var len = payload.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(len >> 8), (byte)len, .. payload];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    [Fact]
    public void Splitter_recovers_frames_from_a_stream_with_garbage_and_byte_by_byte_feeding()
    {
        byte[][] frames = [Jpeg(10), JpegWithThumbnailMarkers(120), Jpeg(250)];
        byte[] stream = [0x00, 0xFF, 0x12, .. frames[0], 0xAA, 0xBB, .. frames[1], .. frames[2], 0xFF, 0xD8, 0x00];
        var splitter = new MjpegFrameSplitter();
        var found = new List<byte[]>();
        foreach (var b in stream)
        {
            splitter.Push([b], found);
        }

        Assert.Equal(3, found.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(frames[i], found[i]);
            Assert.Equal(64, FaceImageDecoder.Decode(found[i]).Width);
        }
    }

    [Fact]
    public void Splitter_drops_oversized_frames_and_resynchronises()
    {
        var big = Jpeg(30);
        var small = Jpeg(200);
        var splitter = new MjpegFrameSplitter(maxFrameBytes: small.Length + 10);
        var found = new List<byte[]>();
        splitter.Push([.. big, .. big, .. small], found);
        if (big.Length > small.Length + 10)
        {
            Assert.Equal(small, Assert.Single(found));
            Assert.True(splitter.DroppedFrames >= 2);
        }
        else
        {
            Assert.Equal(3, found.Count);
        }
    }

    [Fact]
    public async Task Process_source_reads_frames_from_a_child_process_then_reports_its_exit()
    {
        var path = Path.Combine(_dir, "stream.mjpeg");
        byte[][] frames = [Jpeg(10), Jpeg(90), Jpeg(170)];
        await File.WriteAllBytesAsync(path, frames.SelectMany(f => f).ToArray());
        await using var source = new ProcessMjpegFrameSource("cat", [path], new FrameSourceOptions { Capacity = 8, FrameTimeout = TimeSpan.FromSeconds(30) });
        await source.StartAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            var f = await source.ReadFrameAsync(CancellationToken.None);
            Assert.Equal(frames[i], f.EncodedImage);
            Assert.Equal(i + 1, f.Sequence);
        }

        var e = await Assert.ThrowsAsync<CameraUnavailableException>(() => source.ReadFrameAsync(CancellationToken.None).AsTask());
        Assert.Equal(CameraFailure.ProcessExited, e.Failure);
    }

    [Fact]
    public async Task A_camera_process_that_dies_is_a_typed_error()
    {
        await using var source = new ProcessMjpegFrameSource("sh", ["-c", "echo 'no cameras available' >&2; exit 3"], new FrameSourceOptions { FrameTimeout = TimeSpan.FromSeconds(30) });
        await source.StartAsync(CancellationToken.None);
        var e = await Assert.ThrowsAsync<CameraUnavailableException>(() => source.ReadFrameAsync(CancellationToken.None).AsTask());
        Assert.Equal(CameraFailure.ProcessExited, e.Failure);
        Assert.Contains("code 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silent_camera_times_out_instead_of_hanging()
    {
        await using var source = new ProcessMjpegFrameSource("sleep", ["60"], new FrameSourceOptions { FrameTimeout = TimeSpan.FromMilliseconds(300) });
        await source.StartAsync(CancellationToken.None);
        var e = await Assert.ThrowsAsync<CameraUnavailableException>(() => source.ReadFrameAsync(CancellationToken.None).AsTask());
        Assert.Equal(CameraFailure.NoFrameWithinTimeout, e.Failure);
    }

    [Fact]
    public async Task A_missing_camera_program_is_not_found()
    {
        await using var source = RpicamFrameSource.Create(new RpicamOptions { Executable = "/nonexistent/rpicam-vid" });
        var e = await Assert.ThrowsAsync<CameraUnavailableException>(() => source.StartAsync(CancellationToken.None));
        Assert.Equal(CameraFailure.NotFound, e.Failure);
    }

    [Fact]
    public void Rpicam_arguments_request_endless_mjpeg_on_stdout()
    {
        var args = RpicamFrameSource.Arguments(new RpicamOptions { Width = 1280, Height = 720, Framerate = 15 });
        Assert.Equal("-t 0 -n --codec mjpeg --camera 0 --width 1280 --height 720 --framerate 15 -o -", string.Join(' ', args));
    }

    [Fact]
    public async Task A_missing_uvc_device_is_not_found()
    {
        await using var source = new UvcFrameSource(new UvcOptions { Device = 97 });
        var e = await Assert.ThrowsAsync<CameraUnavailableException>(() => source.StartAsync(CancellationToken.None));
        Assert.Equal(CameraFailure.NotFound, e.Failure);
    }

    [Fact]
    public async Task File_sequence_replays_in_order_then_ends()
    {
        for (var i = 0; i < 3; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(_dir, $"f{i}.jpg"), Jpeg(i * 50));
        }

        await File.WriteAllTextAsync(Path.Combine(_dir, "notes.txt"), "ignored");
        await using var source = FileSequenceFrameSource.FromDirectory(_dir, options: new FrameSourceOptions { FrameTimeout = TimeSpan.FromSeconds(30) });
        await source.StartAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Jpeg(i * 50), (await source.ReadFrameAsync(CancellationToken.None)).EncodedImage);
        }

        var e = await Assert.ThrowsAsync<CameraUnavailableException>(() => source.ReadFrameAsync(CancellationToken.None).AsTask());
        Assert.Equal(CameraFailure.EndOfStream, e.Failure);
    }

    [Fact]
    public async Task Paced_file_sequence_keeps_only_the_newest_frames_for_a_slow_reader()
    {
        var files = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var p = Path.Combine(_dir, $"p{i}.jpg");
            await File.WriteAllBytesAsync(p, Jpeg(i * 40));
            files.Add(p);
        }

        await using var source = new FileSequenceFrameSource(files, framesPerSecond: 200, options: new FrameSourceOptions { Capacity = 2, FrameTimeout = TimeSpan.FromSeconds(30) });
        await source.StartAsync(CancellationToken.None);
        await Task.Delay(3000); // the pump needs ~30 ms; a loaded test machine can hold its thread-pool start for over a second
        var seen = new List<long>();
        try
        {
            while (true)
            {
                seen.Add((await source.ReadFrameAsync(CancellationToken.None)).Sequence);
            }
        }
        catch (CameraUnavailableException e) when (e.Failure == CameraFailure.EndOfStream)
        {
        }

        Assert.Equal([5L, 6L], seen);
    }

    [Fact]
    public void Decoder_rejects_garbage_with_a_typed_error()
    {
        Assert.Throws<FaceImageFormatException>(() => FaceImageDecoder.Decode([1, 2, 3, 4, 5]));
        Assert.Throws<FaceImageFormatException>(() => FaceImageDecoder.Decode([]));
    }
}
