namespace ReaderKit.Trust;

/// <summary>One check's outcome: a stable name (see <see cref="CheckNames"/>), the status and a one-line reason.</summary>
public sealed record CheckOutcome(string Name, CheckStatus Status, string Reason)
{
    public static CheckOutcome Pass(string name, string reason) => new(name, CheckStatus.Pass, reason);

    public static CheckOutcome Fail(string name, string reason) => new(name, CheckStatus.Fail, reason);

    public static CheckOutcome Skip(string name, string reason) => new(name, CheckStatus.Skip, reason);

    public static CheckOutcome Warn(string name, string reason) => new(name, CheckStatus.Warn, reason);

    /// <summary>The check-line text form: <c>PASS surface.cvc: reason</c>.</summary>
    public override string ToString() => $"{Status.ToString().ToUpperInvariant()} {Name}: {Reason}";
}
