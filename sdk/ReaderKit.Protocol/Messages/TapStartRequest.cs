namespace ReaderKit.Protocol.Messages;

/// <summary>
/// <c>tap.start</c> params: <c>{numberB, options?, leaseId?, requestId?}</c>. Owns <see cref="NumberB"/>:
/// <see cref="Dispose"/> zeroes it.
/// </summary>
/// <param name="NumberB">照合番号B (secret).</param>
/// <param name="Options">What to read and check.</param>
/// <param name="LeaseId">The caller's lease, when it holds one.</param>
/// <param name="RequestId">A caller correlation id echoed in the result (e.g. a folder-exchange file name).</param>
public sealed record TapStartRequest(NumberBInput NumberB, TapOptions Options, string? LeaseId = null, string? RequestId = null) : IDisposable
{
    /// <summary>Zeroes 照合番号B.</summary>
    public void Dispose() => NumberB.Dispose();
}
