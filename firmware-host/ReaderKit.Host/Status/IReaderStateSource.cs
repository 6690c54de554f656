namespace ReaderKit.Host.Status;

/// <summary>The reader loop's current state, as a kebab-case word for status and logs.</summary>
public interface IReaderStateSource
{
    /// <summary>E.g. <c>idle</c>, <c>waiting-for-number-b</c>, <c>reading</c>.</summary>
    string StateName { get; }
}
