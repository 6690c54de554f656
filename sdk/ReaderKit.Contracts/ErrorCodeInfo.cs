namespace ReaderKit.Contracts;

/// <summary>What a caller needs to know about one <see cref="ErrorCode"/>.</summary>
/// <param name="Code">The code.</param>
/// <param name="Category">Its family.</param>
/// <param name="Retryable">True when the same request may succeed if simply tried again (e.g. re-tap, reader busy).</param>
/// <param name="Description">One English line for logs and documentation; user-facing text comes from the host's message catalogue.</param>
public sealed record ErrorCodeInfo(ErrorCode Code, ErrorCategory Category, bool Retryable, string Description)
{
    /// <summary>The stable name (the enum member's name), e.g. <c>CredentialOutcomeUnknown</c>.</summary>
    public string Name => ErrorCodes.NameOf(Code);
}
