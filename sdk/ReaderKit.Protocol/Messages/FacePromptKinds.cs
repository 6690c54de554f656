namespace ReaderKit.Protocol.Messages;

/// <summary>The <c>kind</c> of a <c>face.prompt</c>: what the holder is asked to do.</summary>
public static class FacePromptKinds
{
    public const string LookAtCamera = "lookAtCamera";
    public const string Blink = "blink";
    public const string TurnLeft = "turnLeft";
    public const string TurnRight = "turnRight";
    public const string StaffCheck = "staffCheck";

    /// <summary>Hold still in front of the camera.</summary>
    public const string HoldStill = "holdStill";

    /// <summary>Take off a mask or glasses that hide the face.</summary>
    public const string RemoveMaskOrGlasses = "removeMaskOrGlasses";
}
