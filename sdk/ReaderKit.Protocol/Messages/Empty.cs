namespace ReaderKit.Protocol.Messages;

/// <summary>The empty params map <c>{}</c> of methods that take no parameters. Unknown keys are ignored.</summary>
public sealed record Empty
{
    /// <summary>The one instance.</summary>
    public static Empty Instance { get; } = new();
}
