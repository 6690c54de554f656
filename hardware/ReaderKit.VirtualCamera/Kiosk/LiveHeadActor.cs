using ReaderKit.Face.Verification;

namespace ReaderKit.VirtualCamera.Kiosk;

/// <summary>
/// A person: reacts to each prompt after 1–2 frames (about 0.1 s at 15 fps), turns 22–30° with a first-order ease, blinks over six
/// frames (half, shut, shut, half, nearly open, open), and sways (random walk of a few pixels and degrees) the whole time.
/// </summary>
internal sealed class LiveHeadActor : IKioskActor
{
    private static readonly double[] BlinkProfile = [0.5, 1, 1, 0.6, 0.15];
    private readonly HeadModel _head;
    private readonly Random _random;
    private readonly float _scale;
    private readonly Dictionary<int, double> _closure = [];
    private double _yaw;
    private double _target;
    private double _pendingTarget;
    private int _targetFrom = int.MaxValue;
    private double _tx;
    private double _ty;
    private double _roll;
    private double _pitch;
    private double _jitterYaw;

    public LiveHeadActor(HeadModel head, int seed, double faceHeightFraction = 0.4)
    {
        _head = head;
        _random = new Random(seed);
        _scale = (float)(FrameRenderer.Height * faceHeightFraction / head.FaceSize);
    }

    /// <summary>Scripted behaviour without prompts (a recorded video): prompt k applies at frame k's key.</summary>
    public IReadOnlyDictionary<int, ChallengePrompt>? Script { get; init; }

    /// <summary>The script repeats every this many frames.</summary>
    public int ScriptPeriod { get; init; } = int.MaxValue;

    public void Prompt(ChallengePrompt prompt, int frame)
    {
        var at = frame + 1 + _random.Next(2);
        switch (prompt)
        {
            case ChallengePrompt.TurnLeft:
            case ChallengePrompt.TurnRight:
                _pendingTarget = (prompt == ChallengePrompt.TurnLeft ? 1 : -1) * (22 + (_random.NextDouble() * 8));
                _targetFrom = at;
                break;
            case ChallengePrompt.LookAtCamera:
                _pendingTarget = 0;
                _targetFrom = at;
                break;
            case ChallengePrompt.Blink:
                for (var i = 0; i < BlinkProfile.Length; i++)
                {
                    _closure[at + i] = BlinkProfile[i];
                }

                break;
            default:
                break;
        }
    }

    public IReadOnlyList<Surface> Render(int frame)
    {
        if (Script is not null && Script.TryGetValue(frame % ScriptPeriod, out var scripted))
        {
            Prompt(scripted, frame);
        }

        if (frame >= _targetFrom)
        {
            _target = _pendingTarget;
        }

        _yaw += (_target - _yaw) * 0.5;
        _tx = Math.Clamp(_tx + ((_random.NextDouble() - 0.5) * 4), -12, 12);
        _ty = Math.Clamp(_ty + ((_random.NextDouble() - 0.5) * 3), -8, 8);
        _roll = Math.Clamp(_roll + ((_random.NextDouble() - 0.5) * 1.0), -3, 3);
        _pitch = Math.Clamp(_pitch + ((_random.NextDouble() - 0.5) * 1.0), -3, 3);
        _jitterYaw = Math.Clamp(_jitterYaw + ((_random.NextDouble() - 0.5) * 0.8), -1.5, 1.5);
        var closure = _closure.TryGetValue(frame, out var c) ? c : 0;
        return [_head.Pose(_yaw + _jitterYaw, _pitch, _roll, closure, _scale, (float)_tx, (float)_ty)];
    }

    public void Dispose()
    {
        // The head model is shared (cached); nothing owned.
    }
}
