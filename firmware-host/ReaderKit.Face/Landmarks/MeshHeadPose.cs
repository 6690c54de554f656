namespace ReaderKit.Face.Landmarks;

/// <summary>
/// Head pose from the 3-D mesh, degrees. Yaw &gt; 0: the subject turned to their own left (nose towards the image's right in an
/// unmirrored frame, <c>ChallengeAction.TurnLeft</c>). Pitch &gt; 0: chin up. Roll &gt; 0: the face line tilts clockwise on screen.
/// </summary>
public readonly record struct MeshHeadPose(double YawDegrees, double PitchDegrees, double RollDegrees);
