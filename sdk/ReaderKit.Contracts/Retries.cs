namespace ReaderKit.Contracts;

/// <summary>
/// What is known about one credential's retry counter during a tap: the tries the card reported before anything was
/// sent, the floor that applied, and whether a value was actually sent. Never holds the credential itself.
/// </summary>
/// <param name="Credential">Which credential, e.g. <c>surface.number-b</c>, <c>text.number-b</c>, <c>text.pin</c>.</param>
/// <param name="RemainingBefore">Tries the card reported before the value was sent; null when unknown.</param>
/// <param name="Floor">The configured floor: the value is sent only when more than this many tries remain.</param>
/// <param name="ValueSent">True when a VERIFY carrying the value left the host (it may still have been lost).</param>
/// <param name="RemainingAfter">Tries left after the attempt when the card said (63Cx), or null.</param>
public sealed record Retries(string Credential, int? RemainingBefore, int Floor, bool ValueSent, int? RemainingAfter = null);
