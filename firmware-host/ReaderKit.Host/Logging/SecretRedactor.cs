using System.Text;

namespace ReaderKit.Host.Logging;

/// <summary>
/// The last guard before text leaves the process in a log line: replaces anything shaped like a My Number (12 digits)
/// or 照合番号B (14 digits) — any run of 12 or more digits, ASCII or full-width, optionally split by single spaces or
/// hyphens — and every secret a running tap has registered with <see cref="Track"/> (a PIN, the 照合番号B as typed)
/// by <c>[redacted]</c>.
/// </summary>
/// <remarks>
/// This is defence in depth, not the mechanism: the host never formats a secret into a message in the first place
/// (secrets travel as <c>VerificationNumberB</c>/byte buffers whose <c>ToString</c> is redacted). A 4-digit PIN
/// cannot be recognised by shape, which is why taps register the exact values they hold while they hold them. The
/// registered copies are zeroed when their scope ends (best effort: the runtime may have copied strings it was given).
/// </remarks>
public sealed class SecretRedactor
{
    /// <summary>What a redacted span becomes.</summary>
    public const string Mask = "[redacted]";

    /// <summary>Shortest digit run treated as a My Number / 照合番号B.</summary>
    public const int MinDigitRun = 12;

    private readonly Lock _gate = new();
    private readonly List<char[]> _tracked = [];
    private readonly List<char[]> _released = [];
    private int _holds;

    /// <summary>Registers an exact secret (at least 4 characters) to be masked until the returned scope is disposed.</summary>
    public IDisposable Track(ReadOnlySpan<char> secret)
    {
        if (secret.Length < 4)
        {
            throw new ArgumentException("A tracked secret must have at least 4 characters.", nameof(secret));
        }

        var copy = secret.ToArray();
        lock (_gate)
        {
            _tracked.Add(copy);
        }

        return new Scope(this, copy);
    }

    /// <summary>
    /// Keeps every secret tracked during the hold masked until the hold ends, even after its own scope was disposed:
    /// the reader holds for a whole tap, so a PIN the tap library registered and released is still masked when the
    /// host journals and logs the tap's result afterwards.
    /// </summary>
    public IDisposable Hold()
    {
        lock (_gate)
        {
            _holds++;
        }

        return new HoldScope(this);
    }

    /// <summary>Returns <paramref name="text"/> with every secret-shaped run and every tracked secret masked.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var result = MaskDigitRuns(text);
        lock (_gate)
        {
            foreach (var secret in _tracked)
            {
                var s = new string(secret);
                if (result.Contains(s, StringComparison.Ordinal))
                {
                    result = result.Replace(s, Mask, StringComparison.Ordinal);
                }
            }
        }

        return result;
    }

    /// <summary>True when <paramref name="text"/> would be changed by <see cref="Redact"/>.</summary>
    public bool ContainsSecret(string text) => !string.Equals(Redact(text), text, StringComparison.Ordinal);

    private static bool IsDigit(char c) => c is >= '0' and <= '9' or >= '\uFF10' and <= '\uFF19';

    private static string MaskDigitRuns(string text)
    {
        StringBuilder? sb = null;
        var i = 0;
        var copiedUpTo = 0;
        while (i < text.Length)
        {
            if (!IsDigit(text[i]))
            {
                i++;
                continue;
            }

            // Extend the run: digits, allowing one separator (space, hyphen, full-width space) between digits.
            var start = i;
            var digits = 0;
            var end = i;
            var j = i;
            while (j < text.Length)
            {
                if (IsDigit(text[j]))
                {
                    digits++;
                    end = j + 1;
                    j++;
                }
                else if (text[j] is ' ' or '-' or '\u3000' && j + 1 < text.Length && IsDigit(text[j + 1]))
                {
                    j++;
                }
                else
                {
                    break;
                }
            }

            if (digits >= MinDigitRun)
            {
                sb ??= new StringBuilder(text.Length);
                sb.Append(text, copiedUpTo, start - copiedUpTo).Append(Mask);
                copiedUpTo = end;
            }

            i = Math.Max(end, i + 1);
        }

        if (sb is null)
        {
            return text;
        }

        sb.Append(text, copiedUpTo, text.Length - copiedUpTo);
        return sb.ToString();
    }

    private void Untrack(char[] copy)
    {
        lock (_gate)
        {
            if (_holds > 0)
            {
                _released.Add(copy);
                return;
            }

            _tracked.Remove(copy);
        }

        Array.Clear(copy);
    }

    private void EndHold()
    {
        List<char[]> drop = [];
        lock (_gate)
        {
            if (--_holds > 0)
            {
                return;
            }

            foreach (var copy in _released)
            {
                _tracked.Remove(copy);
                drop.Add(copy);
            }

            _released.Clear();
        }

        foreach (var copy in drop)
        {
            Array.Clear(copy);
        }
    }

    private sealed class HoldScope(SecretRedactor owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.EndHold();
            }
        }
    }

    private sealed class Scope(SecretRedactor owner, char[] copy) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Untrack(copy);
            }
        }
    }
}
