using ReaderKit.Apdu;

namespace ReaderKit.Card.Credentials;

/// <summary>Local validation of a credential failed before anything was sent. Never echoes the digits.</summary>
public sealed class InvalidCredentialFormatException : ArgumentException
{
    public InvalidCredentialFormatException(CredentialFormatProblem problem, string message)
        : base(message)
    {
        Problem = problem;
    }

    public CredentialFormatProblem Problem { get; }
}
