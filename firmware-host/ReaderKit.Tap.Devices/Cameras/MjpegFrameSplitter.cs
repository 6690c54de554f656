using System.Buffers;
using System.Runtime.CompilerServices;

using ReaderKit.Face.Camera;

namespace ReaderKit.Tap.Devices.Cameras;

/// <summary>
/// Splits a concatenated JPEG byte stream (MJPEG on a pipe, as <c>rpicam-vid --codec mjpeg -o -</c> writes it) into whole
/// frames. It follows the JPEG marker structure — segment lengths before SOS, byte stuffing and RST markers in the entropy-coded
/// data — so an EXIF thumbnail's SOI/EOI inside APP1 does not cut a frame. Garbage between frames is skipped; a frame
/// longer than the limit is dropped and the splitter resynchronises on the next SOI.
/// </summary>
public sealed class MjpegFrameSplitter
{
    private readonly int _maxFrameBytes;
    private readonly ArrayBufferWriter<byte> _frame = new(64 * 1024);
    private State _state = State.SeekFf;
    private byte _marker;
    private int _remaining;

    public MjpegFrameSplitter(int maxFrameBytes = 16 * 1024 * 1024) => _maxFrameBytes = maxFrameBytes;

    private enum State
    {
        SeekFf,
        SeekSoi,
        MarkerFf,
        MarkerCode,
        LengthHigh,
        LengthLow,
        SkipSegment,
        Entropy,
        EntropyFf,
    }

    /// <summary>Frames dropped because they exceeded the size limit or broke the marker structure.</summary>
    public int DroppedFrames { get; private set; }

    /// <summary>Feeds bytes; every frame completed by them is added to <paramref name="frames"/>.</summary>
    public void Push(ReadOnlySpan<byte> data, ICollection<byte[]> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        foreach (var b in data)
        {
            Step(b, frames);
        }
    }

    /// <summary>Reads <paramref name="stream"/> to its end, yielding each whole frame.</summary>
    public static async IAsyncEnumerable<byte[]> ReadFramesAsync(
        Stream stream, int maxFrameBytes = 16 * 1024 * 1024, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var splitter = new MjpegFrameSplitter(maxFrameBytes);
        var buffer = new byte[64 * 1024];
        var frames = new List<byte[]>();
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            splitter.Push(buffer.AsSpan(0, read), frames);
            foreach (var f in frames)
            {
                yield return f;
            }

            frames.Clear();
        }
    }

    private void Step(byte b, ICollection<byte[]> frames)
    {
        if (_state is not (State.SeekFf or State.SeekSoi))
        {
            if (_frame.WrittenCount >= _maxFrameBytes)
            {
                Drop();
                return;
            }

            _frame.GetSpan(1)[0] = b;
            _frame.Advance(1);
        }

        switch (_state)
        {
            case State.SeekFf:
                if (b == 0xFF)
                {
                    _state = State.SeekSoi;
                }

                break;
            case State.SeekSoi:
                if (b == 0xD8)
                {
                    StartFrame();
                }
                else if (b != 0xFF)
                {
                    _state = State.SeekFf;
                }

                break;
            case State.MarkerFf:
                if (b == 0xFF)
                {
                    _state = State.MarkerCode;
                }
                else
                {
                    Drop();
                }

                break;
            case State.MarkerCode:
                OnMarker(b, frames);
                break;
            case State.LengthHigh:
                _remaining = b << 8;
                _state = State.LengthLow;
                break;
            case State.LengthLow:
                _remaining = (_remaining | b) - 2;
                if (_remaining < 0)
                {
                    Drop();
                }
                else if (_remaining == 0)
                {
                    EndSegment();
                }
                else
                {
                    _state = State.SkipSegment;
                }

                break;
            case State.SkipSegment:
                if (--_remaining == 0)
                {
                    EndSegment();
                }

                break;
            case State.Entropy:
                if (b == 0xFF)
                {
                    _state = State.EntropyFf;
                }

                break;
            case State.EntropyFf:
                if (b == 0x00 || b is >= 0xD0 and <= 0xD7)
                {
                    _state = State.Entropy;
                }
                else if (b != 0xFF)
                {
                    OnMarker(b, frames);
                }

                break;
        }
    }

    private void OnMarker(byte m, ICollection<byte[]> frames)
    {
        switch (m)
        {
            case 0xFF:
                break; // fill byte
            case 0xD9:
                frames.Add(_frame.WrittenSpan.ToArray());
                _frame.Clear();
                _state = State.SeekFf;
                break;
            case 0xD8:
                StartFrame(); // a new SOI inside a frame: the previous frame was truncated
                DroppedFrames++;
                break;
            case 0x01:
            case >= 0xD0 and <= 0xD7:
                _state = State.MarkerFf;
                break;
            default:
                _marker = m;
                _state = State.LengthHigh;
                break;
        }
    }

    private void EndSegment() => _state = _marker == 0xDA ? State.Entropy : State.MarkerFf;

    private void StartFrame()
    {
        _frame.Clear();
        _frame.Write([(byte)0xFF, (byte)0xD8]);
        _state = State.MarkerFf;
    }

    private void Drop()
    {
        DroppedFrames++;
        _frame.Clear();
        _state = State.SeekFf;
    }
}
