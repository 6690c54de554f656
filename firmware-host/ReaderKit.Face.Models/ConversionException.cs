using System.Text.Json;

namespace ReaderKit.Face.Models;

/// <summary>Thrown when a model uses something outside the converter's whitelist or its files are inconsistent.</summary>
public sealed class ConversionException : Exception
{
    public ConversionException()
    {
    }

    public ConversionException(string message)
        : base(message)
    {
    }

    public ConversionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
