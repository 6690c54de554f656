using ReaderKit.Face.Verification;

namespace ReaderKit.VirtualCamera.Kiosk;

/// <summary>
/// The pose of something a person holds in front of the camera — their own head, or a print turned to follow the
/// prompts: it reacts to a turn or look-at-camera prompt after 1–2 frames, eases towards the turn target (half the
/// remaining angle per frame) and sways (a bounded random walk of shift, roll and pitch). Draws from the actor's random
/// source, in the actor's order, so a seed still gives the same frames.
/// </summary>
internal sealed class HeldPose(Random random, double minTurn, Sway sway)
{
    private double _yaw;
    private double _target;
    private double _pendingTarget;
    private int _targetFrom = int.MaxValue;
    private double _tx;
    private double _ty;
    private double _roll;
    private double _pitch;

    /// <summary>
    /// Schedules the reaction to <paramref name="prompt"/>: a turn of <c>minTurn</c> to <c>minTurn</c> + 8° to the side
    /// asked, or back to facing the camera; other prompts are left to the caller.
    /// </summary>
    /// <returns>The frame the reaction starts at (1–2 frames after <paramref name="frame"/>).</returns>
    public int Prompt(ChallengePrompt prompt, int frame)
    {
        var at = frame + 1 + random.Next(2);
        switch (prompt)
        {
            case ChallengePrompt.TurnLeft:
            case ChallengePrompt.TurnRight:
                _pendingTarget = (prompt == ChallengePrompt.TurnLeft ? 1 : -1) * (minTurn + (random.NextDouble() * 8));
                _targetFrom = at;
                break;
            case ChallengePrompt.LookAtCamera:
                _pendingTarget = 0;
                _targetFrom = at;
                break;
            default:
                break;
        }

        return at;
    }

    /// <summary>Advances one frame: yaw eased towards the target, shift, roll and pitch one random-walk step.</summary>
    public (double Yaw, double Pitch, double Roll, double Tx, double Ty) Step(int frame)
    {
        if (frame >= _targetFrom)
        {
            _target = _pendingTarget;
        }

        _yaw += (_target - _yaw) * 0.5;
        _tx = Math.Clamp(_tx + ((random.NextDouble() - 0.5) * sway.ShiftX), -sway.LimitX, sway.LimitX);
        _ty = Math.Clamp(_ty + ((random.NextDouble() - 0.5) * sway.ShiftY), -sway.LimitY, sway.LimitY);
        _roll = Math.Clamp(_roll + ((random.NextDouble() - 0.5) * sway.Roll), -sway.LimitRoll, sway.LimitRoll);
        _pitch = Math.Clamp(_pitch + ((random.NextDouble() - 0.5) * sway.Pitch), -sway.LimitPitch, sway.LimitPitch);
        return (_yaw, _pitch, _roll, _tx, _ty);
    }
}
