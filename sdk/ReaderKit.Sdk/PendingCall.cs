using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>A request waiting for its response; decoded on the read loop (the receive buffer is reused afterwards).</summary>
internal abstract class PendingCall
{
    protected PendingCall(uint id, long deadline)
    {
        Id = id;
        Deadline = deadline;
    }

    public uint Id { get; }

    /// <summary>TimeProvider timestamp after which the call fails with <see cref="TimeoutException"/>.</summary>
    public long Deadline { get; }

    public CancellationTokenRegistration Registration { get; set; }

    public void Complete(in RpcEnvelope envelope)
    {
        try
        {
            if (envelope.IsError)
            {
                Fail(ReaderKitException.From(ProtocolSerializer.Deserialize<RpcError>(envelope.Body)));
            }
            else
            {
                SetResult(envelope.Body);
            }
        }
        catch (RpcFormatException e)
        {
            Fail(new ReaderKitConnectionException("The host sent a response this client cannot decode: " + e.Message, e));
        }
    }

    public abstract void Fail(Exception exception);

    public abstract void Cancel(CancellationToken token);

    protected abstract void SetResult(ReadOnlyMemory<byte> body);
}

/// <summary>A typed pending call.</summary>
internal sealed class PendingCall<T> : PendingCall
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingCall(uint id, long deadline)
        : base(id, deadline)
    {
    }

    public Task<T> Task => _completion.Task;

    public override void Fail(Exception exception)
    {
        Registration.Dispose();
        _completion.TrySetException(exception);
    }

    public override void Cancel(CancellationToken token)
    {
        Registration.Dispose();
        _completion.TrySetCanceled(token);
    }

    protected override void SetResult(ReadOnlyMemory<byte> body)
    {
        Registration.Dispose();
        _completion.TrySetResult(typeof(T) == typeof(byte[]) ? (T)(object)body.ToArray() : ProtocolSerializer.Deserialize<T>(body));
    }
}
