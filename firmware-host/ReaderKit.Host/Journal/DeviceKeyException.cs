namespace ReaderKit.Host.Journal;

/// <summary>The device key file is missing a key, malformed, or readable by group/others. The message names the file and the fix, never key material.</summary>
public sealed class DeviceKeyException : Exception
{
    public DeviceKeyException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public DeviceKeyException()
        : this("The device key file is invalid.")
    {
    }

    public DeviceKeyException(string message)
        : this(message, null)
    {
    }
}
