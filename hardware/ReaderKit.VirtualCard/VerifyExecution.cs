using ReaderKit.VirtualCard.Files;

namespace ReaderKit.VirtualCard;

/// <summary>
/// One VERIFY carrying a value that the virtual card compared against a key (an observation for tests and the
/// simulator, raised by <see cref="VirtualMyNumberCard.VerifyExecuted"/>). Empty VERIFYs (counter queries) and
/// VERIFYs that never reached a key (wrong P1/P2, no such key) are not executions.
/// </summary>
/// <param name="Application">The DF the key belongs to.</param>
/// <param name="KeyFileId">The key EF (e.g. 0x0012 for the surface 照合番号B).</param>
/// <param name="Accepted">True when the value matched (9000).</param>
/// <param name="TriesBefore">The retry counter before the command.</param>
/// <param name="TriesAfter">The retry counter after it (reset to the maximum on success, one less on a mismatch, unchanged when blocked).</param>
public sealed record VerifyExecution(ApplicationKind Application, ushort KeyFileId, bool Accepted, int TriesBefore, int TriesAfter);
