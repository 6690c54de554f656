using ReaderKit.Face.Detection;
using ReaderKit.Face.Verification;

namespace ReaderKit.Face.Verification.Tests;

public sealed class FaceTrackTests
{
    private static FaceDetection Face(double x, double y, double size = 180, float score = 0.95f)
    {
        var box = new FaceBox(x, y, size, size);
        Point2 P(double fx, double fy) => new(x + (fx * size), y + (fy * size));
        return new FaceDetection(box, score, [P(0.3, 0.35), P(0.7, 0.35), P(0.5, 0.55), P(0.5, 0.75), P(0.1, 0.4), P(0.9, 0.4)]);
    }

    [Fact]
    public void Follows_a_face_that_moves_and_turns()
    {
        var track = new FaceTrack();
        Assert.Equal(TrackEvent.Tracked, track.Update([Face(200, 100)]));
        Assert.Equal(TrackEvent.Tracked, track.Update([Face(215, 104)]));
        Assert.Equal(TrackEvent.Tracked, track.Update([Face(290, 110, 170)])); // a quick turn: centre moves 0.45 box widths
        Assert.Equal(TrackEvent.Missed, track.Update([]));
        Assert.Equal(TrackEvent.Tracked, track.Update([Face(280, 108)]));
    }

    [Fact]
    public void A_face_appearing_elsewhere_is_a_jump()
    {
        var track = new FaceTrack();
        track.Update([Face(100, 100)]);
        Assert.Equal(TrackEvent.Jumped, track.Update([Face(400, 120)]));
    }

    [Fact]
    public void A_second_comparable_face_is_refused_and_a_small_one_is_ignored()
    {
        var track = new FaceTrack();
        track.Update([Face(100, 100)]);
        Assert.Equal(TrackEvent.Tracked, track.Update([Face(104, 100), Face(500, 50, 40)]));
        Assert.Equal(TrackEvent.SecondFace, track.Update([Face(104, 100), Face(420, 60, 150)]));
        Assert.Equal(TrackEvent.SecondFace, new FaceTrack().Update([Face(0, 0), Face(300, 0, 170)]));
    }

    [Fact]
    public void A_long_gap_loses_the_track()
    {
        var track = new FaceTrack();
        track.Update([Face(100, 100)]);
        Assert.Equal(TrackEvent.Missed, track.Update([]));
        Assert.Equal(TrackEvent.Missed, track.Update([Face(100, 100, score: 0.3f)])); // too unsure to count
        Assert.Equal(TrackEvent.Lost, track.Update([]));
    }
}
