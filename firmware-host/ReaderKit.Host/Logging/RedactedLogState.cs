using System.Collections;
using System.Globalization;

namespace ReaderKit.Host.Logging;

/// <summary>A log entry's structured values and message after redaction (values become redacted strings).</summary>
internal sealed class RedactedLogState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _values;
    private readonly string _message;

    public RedactedLogState(IEnumerable<KeyValuePair<string, object?>> values, string message, SecretRedactor redactor)
    {
        _message = message;
        _values = [.. values.Select(kv => new KeyValuePair<string, object?>(kv.Key, Redact(kv.Key, kv.Value, redactor)))];
    }

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => _message;

    // {OriginalFormat} is redacted too: an interpolated message carries its values in the "template".
    private static object? Redact(string key, object? value, SecretRedactor redactor) => value switch
    {
        null => null,
        bool or byte or short or ushort or float or double or decimal or DateTime or DateTimeOffset or TimeSpan or Enum => value,
        int or uint or long or ulong => redactor.Redact(Convert.ToString(value, CultureInfo.InvariantCulture)),
        _ => redactor.Redact(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
