namespace ReaderKit.Protocol.Messages;

/// <summary>The <c>step</c> names of <c>tap.progress</c>, in the order a tap reaches them (new steps may be added).</summary>
public static class TapSteps
{
    /// <summary>The card answered.</summary>
    public const string CardPresent = "cardPresent";
    /// <summary>照合番号B was accepted.</summary>
    public const string CredentialChecked = "credentialChecked";
    /// <summary>The card-face AP was read.</summary>
    public const string CardFaceRead = "cardFaceRead";
    /// <summary>The J-LIS signatures verified.</summary>
    public const string SignaturesChecked = "signaturesChecked";
    /// <summary>The chip signed a fresh challenge.</summary>
    public const string ChipChallenge = "chipChallenge";
    /// <summary>A face was captured.</summary>
    public const string FaceCaptured = "faceCaptured";
    /// <summary>The face was matched.</summary>
    public const string FaceMatched = "faceMatched";
    /// <summary>The tap ended.</summary>
    public const string Result = "result";
}
