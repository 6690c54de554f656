using System.Threading.Channels;

namespace ReaderKit.Nfc.Tests;

/// <summary>A fake link whose "chip" is a script: each host command frame yields the frames the test chooses.</summary>
internal sealed class ScriptedLink : IPn532Link
{
    private readonly Channel<byte[]> _out = Channel.CreateUnbounded<byte[]>();
    private byte[]? _lastResponse;

    /// <summary>Command code + parameters → frames to send back (null = silence).</summary>
    public Func<byte, byte[], IEnumerable<byte[]>?> OnCommand { get; set; } = (_, _) => null;

    public List<byte[]> Written { get; } = [];

    /// <summary>The caller's own buffers, as handed to <see cref="WriteAsync"/> (to check they were zeroed afterwards).</summary>
    public List<byte[]> WrittenBuffers { get; } = [];

    public int Aborts { get; private set; }

    public int Nacks { get; private set; }

    public bool CorruptNextResend { get; set; }

    public string Name => "scripted";

    public TimeSpan ByteTime => TimeSpan.Zero;

    public static byte[] Answer(byte command, params byte[] data) => Pn532Frame.EncodeInformation([Pn532Frame.ChipToHost, (byte)(command + 1), .. data]);

    public static byte[] Ack => Pn532Frame.Ack.ToArray();

    public Task WakeUpAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var bytes = frame.ToArray();
        lock (Written)
        {
            Written.Add(bytes);
            if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray(frame, out var segment) && segment.Array is not null)
            {
                WrittenBuffers.Add(segment.Array);
            }
        }

        var parsed = Pn532Frame.Parse(bytes);
        switch (parsed.Kind)
        {
            case Pn532FrameKind.Ack:
                Aborts++;
                break;
            case Pn532FrameKind.Nack:
                Nacks++;
                if (_lastResponse is not null)
                {
                    _out.Writer.TryWrite(_lastResponse);
                }

                break;
            case Pn532FrameKind.Information when parsed.Data is [Pn532Frame.HostToChip, var code, ..]:
                foreach (var f in OnCommand(code, parsed.Data[2..]) ?? [])
                {
                    if (Pn532Frame.Parse(f).Kind != Pn532FrameKind.Ack)
                    {
                        _lastResponse = Pn532Frame.Parse(f).Status == Pn532ParseStatus.Complete ? f : _lastResponse;
                    }

                    _out.Writer.TryWrite(f);
                }

                break;
        }

        return Task.CompletedTask;
    }

    /// <summary>Puts bytes on the line now (late ACKs, late answers, noise), as if the chip sent them.</summary>
    public void Inject(byte[] bytes) => _out.Writer.TryWrite(bytes);

    /// <summary>Remembers the good frame a NACK should repeat (for scripts that send a corrupt one first).</summary>
    public void SetResendFrame(byte[] frame) => _lastResponse = frame;

    public async Task<byte[]> ReadFrameAsync(int sizeHint, CancellationToken cancellationToken) =>
        await _out.Reader.ReadAsync(cancellationToken);

    public void DiscardInput()
    {
        while (_out.Reader.TryRead(out _))
        {
        }
    }

    public IEnumerable<byte[]> CommandsWritten(byte code)
    {
        lock (Written)
        {
            return Written.Select(w => Pn532Frame.Parse(w)).Where(p => p.Data is [Pn532Frame.HostToChip, var c, ..] && c == code).Select(p => p.Data![2..]).ToList();
        }
    }

    public void Dispose()
    {
    }
}
