using ReaderKit.Face.Camera;

namespace ReaderKit.Tap.Tests.Fakes;

/// <summary>A camera whose frames nobody reads (the fake face check decides); counts opens and disposals.</summary>
internal sealed class FakeCamera : IFrameSourceFactory
{
    private readonly bool _missing;

    public FakeCamera(bool missing = false) => _missing = missing;

    public string Description => "fake camera";

    public int Opened { get; private set; }

    public int Disposed { get; private set; }

    public IFrameSource Open()
    {
        if (_missing)
        {
            throw new CameraUnavailableException(CameraFailure.NotFound, "no camera on /dev/video0");
        }

        Opened++;
        return new Source(this);
    }

    private sealed class Source(FakeCamera owner) : IFrameSource
    {
        public string Description => "fake";

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask<CameraFrame> ReadFrameAsync(CancellationToken cancellationToken) => throw new CameraUnavailableException(CameraFailure.EndOfStream, "fake camera has no frames");

        public ValueTask DisposeAsync()
        {
            owner.Disposed++;
            return ValueTask.CompletedTask;
        }
    }
}
