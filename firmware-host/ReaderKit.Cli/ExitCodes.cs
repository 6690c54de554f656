using ReaderKit.Contracts;

namespace ReaderKit.Cli;

/// <summary>The exit codes `verify`, `verify-dump` and `phone` share (documented in the README); other verbs document their own.</summary>
internal static class ExitCodes
{
    public const int Accepted = 0;
    public const int BadInput = 2;
    public const int ReaderError = 3;
    public const int NotGenuineOrExpired = 4;
    public const int FaceNotAccepted = 5;
    public const int CredentialRefused = 6;
    public const int Cancelled = 130;

    /// <summary>The exit code of a verdict kind.</summary>
    public static int For(VerdictKind kind) => kind switch
    {
        VerdictKind.Accepted => Accepted,
        VerdictKind.NotGenuine or VerdictKind.Expired => NotGenuineOrExpired,
        VerdictKind.FaceNotAccepted => FaceNotAccepted,
        VerdictKind.CredentialRefused => CredentialRefused,
        VerdictKind.Cancelled => Cancelled,
        _ => ReaderError,
    };
}
