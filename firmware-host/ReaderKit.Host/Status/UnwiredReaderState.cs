namespace ReaderKit.Host.Status;

/// <summary>The reader state reported when no tap runner is wired: <c>not-wired</c>.</summary>
public sealed class UnwiredReaderState : IReaderStateSource
{
    /// <inheritdoc />
    public string StateName => "not-wired";
}
