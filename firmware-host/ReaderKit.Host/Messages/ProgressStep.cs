namespace ReaderKit.Host.Messages;

/// <summary>The steps of one tap that progress is reported for (the tap library's step names, in order).</summary>
public enum ProgressStep
{
    CardPresent,
    CredentialChecked,
    CardFaceRead,
    SignaturesChecked,
    ChipChallenge,
    FaceCaptured,
    FaceMatched,
    Result,
}
