using System.Security.Cryptography;
using ReaderKit.Face.Landmarks;

namespace ReaderKit.Face.Liveness;

/// <summary>An action the person is asked to perform. Directions are the subject's own (their left).</summary>
public enum ChallengeAction
{
    /// <summary>Close and reopen both eyes.</summary>
    Blink,

    /// <summary>Turn the head to the subject's left (nose moves to the image's right in an unmirrored frame).</summary>
    TurnLeft,

    /// <summary>Turn the head to the subject's right.</summary>
    TurnRight,
}
