namespace ReaderKit.Native;

/// <summary>A handle passed from C is null, freed, forged or of another kind (<c>RK_E_INVALID_HANDLE</c>).</summary>
public sealed class InvalidHandleException : Exception
{
    public InvalidHandleException()
        : this("handle")
    {
    }

    public InvalidHandleException(string kind)
        : base("Invalid " + kind + " handle (null, already freed, or of another kind).")
    {
    }

    public InvalidHandleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
