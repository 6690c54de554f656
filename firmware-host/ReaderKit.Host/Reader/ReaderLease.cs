namespace ReaderKit.Host.Reader;

/// <summary>A caller's exclusive right to drive taps on this reader until <see cref="ExpiresAt"/> (renewed by each use).</summary>
/// <param name="Token">An opaque random token the caller presents.</param>
/// <param name="CallerId">Who holds it (for logs and <c>LeaseHeld</c> errors; not secret).</param>
/// <param name="ExpiresAt">When it lapses without renewal.</param>
public sealed record ReaderLease(string Token, string CallerId, DateTimeOffset ExpiresAt);
