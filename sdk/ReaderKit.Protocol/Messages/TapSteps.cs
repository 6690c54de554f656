namespace ReaderKit.Protocol.Messages;

/// <summary>The <c>step</c> names of <c>tap.progress</c>, in the order a tap reaches them (new steps may be added).</summary>
public static class TapSteps
{
    public const string CardPresent = "cardPresent";
    public const string CredentialChecked = "credentialChecked";
    public const string CardFaceRead = "cardFaceRead";
    public const string SignaturesChecked = "signaturesChecked";
    public const string ChipChallenge = "chipChallenge";
    public const string FaceCaptured = "faceCaptured";
    public const string FaceMatched = "faceMatched";
    public const string Result = "result";
}
