namespace ReaderKit.Face.Verification;

/// <summary>One check of a verification: a stable name, whether it passed, and a one-line detail (measurements only, never personal data).</summary>
public sealed record FaceCheck(string Name, bool Passed, string Detail);
