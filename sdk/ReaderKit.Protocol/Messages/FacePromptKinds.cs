namespace ReaderKit.Protocol.Messages;

/// <summary>The <c>kind</c> of a <c>face.prompt</c>: what the holder is asked to do.</summary>
public static class FacePromptKinds
{
    /// <summary>Look at the camera.</summary>
    public const string LookAtCamera = "lookAtCamera";
    /// <summary>Blink.</summary>
    public const string Blink = "blink";
    /// <summary>Turn the head left.</summary>
    public const string TurnLeft = "turnLeft";
    /// <summary>Turn the head right.</summary>
    public const string TurnRight = "turnRight";
    /// <summary>Staff must confirm the face.</summary>
    public const string StaffCheck = "staffCheck";

    /// <summary>Hold still in front of the camera.</summary>
    public const string HoldStill = "holdStill";

    /// <summary>Take off a mask or glasses that hide the face.</summary>
    public const string RemoveMaskOrGlasses = "removeMaskOrGlasses";
}
