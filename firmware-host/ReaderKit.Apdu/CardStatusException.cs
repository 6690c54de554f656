namespace ReaderKit.Apdu;

/// <summary>The card answered, but not with 9000. Carries the instruction and the status word.</summary>
public class CardStatusException : CardException
{
    public CardStatusException(byte instruction, StatusWord statusWord, string? message = null)
        : base(message ?? $"Card answered {statusWord} to INS {instruction:X2}.")
    {
        Instruction = instruction;
        StatusWord = statusWord;
    }

    public byte Instruction { get; }

    public StatusWord StatusWord { get; }
}
