using ReaderKit.Contracts;

namespace ReaderKit.Forms;

/// <summary>The paperwork input is inconsistent (e.g. a pre-filled field on a card that was not verified genuine) — <see cref="ErrorCode.InvalidInput"/>. Fail closed: nothing is rendered.</summary>
public sealed class FormInputException : Exception
{
    public FormInputException(string message)
        : base(message)
    {
    }

    public FormInputException()
        : this("The paperwork input is invalid.")
    {
    }

    public FormInputException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    /// <summary>Always <see cref="ErrorCode.InvalidInput"/>.</summary>
    public ErrorCode Code => ErrorCode.InvalidInput;
}
