using ReaderKit.Face.Verification;

namespace ReaderKit.VirtualCamera.Kiosk;

/// <summary>
/// A person: reacts to each prompt after 1–2 frames (about 0.1 s at 15 fps), turns 22–30° with a first-order ease, blinks over six
/// frames (half, shut, shut, half, nearly open, open), and sways (random walk of a few pixels and degrees) the whole time.
/// </summary>
internal sealed class LiveHeadActor : IKioskActor
{
    private static readonly double[] BlinkProfile = [0.5, 1, 1, 0.6, 0.15];
    private static readonly Sway HeadSway = new(ShiftX: 4, LimitX: 12, ShiftY: 3, LimitY: 8, Roll: 1.0, LimitRoll: 3, Pitch: 1.0, LimitPitch: 3);
    private readonly HeadModel _head;
    private readonly Random _random;
    private readonly HeldPose _pose;
    private readonly float _scale;
    private readonly Dictionary<int, double> _closure = [];
    private double _jitterYaw;

    public LiveHeadActor(HeadModel head, int seed, double faceHeightFraction = 0.4)
    {
        _head = head;
        _random = new Random(seed);
        _pose = new HeldPose(_random, minTurn: 22, HeadSway);
        _scale = (float)(FrameRenderer.Height * faceHeightFraction / head.FaceSize);
    }

    /// <summary>Scripted behaviour without prompts (a recorded video): prompt k applies at frame k's key.</summary>
    public IReadOnlyDictionary<int, ChallengePrompt>? Script { get; init; }

    /// <summary>The script repeats every this many frames.</summary>
    public int ScriptPeriod { get; init; } = int.MaxValue;

    public void Prompt(ChallengePrompt prompt, int frame)
    {
        var at = _pose.Prompt(prompt, frame);
        if (prompt == ChallengePrompt.Blink)
        {
            for (var i = 0; i < BlinkProfile.Length; i++)
            {
                _closure[at + i] = BlinkProfile[i];
            }
        }
    }

    public IReadOnlyList<Surface> Render(int frame)
    {
        if (Script is not null && Script.TryGetValue(frame % ScriptPeriod, out var scripted))
        {
            Prompt(scripted, frame);
        }

        var (yaw, pitch, roll, tx, ty) = _pose.Step(frame);
        _jitterYaw = Math.Clamp(_jitterYaw + ((_random.NextDouble() - 0.5) * 0.8), -1.5, 1.5);
        var closure = _closure.TryGetValue(frame, out var c) ? c : 0;
        return [_head.Pose(yaw + _jitterYaw, pitch, roll, closure, _scale, (float)tx, (float)ty)];
    }

    public void Dispose()
    {
        // The head model is shared (cached); nothing owned.
    }
}
