using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Journal;

namespace ReaderKit.Host.Tests;

/// <summary>A temporary directory removed at dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = Directory.CreateTempSubdirectory("readerkit-host-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Captures what a log sink would print: the formatted message, every structured value and the exception text.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly StringBuilder _text = new();

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Append(string s)
    {
        lock (_text)
        {
            _text.AppendLine(s);
        }
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner.Append("scope: " + state);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var sb = new StringBuilder().Append(category).Append(": ").Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (k, v) in values)
                {
                    sb.Append(" | ").Append(k).Append('=').Append(v);
                }
            }

            if (exception is not null)
            {
                sb.Append(" | ").Append(exception);
            }

            owner.Append(sb.ToString());
        }
    }
}

internal static class Fixtures
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Start);

    public static (DeviceKeyRing Keys, TapJournal Journal) OpenJournal(TempDir dir, TimeProvider time, params string[] keep)
    {
        var keys = DeviceKeyRing.OpenOrCreate(dir.File("keys.json"), time);
        return (keys, TapJournal.Open(dir.File("journal.db"), keys, time, "reader-test", keep));
    }

    public static IOptions<T> Options<T>(T value)
        where T : class => Microsoft.Extensions.Options.Options.Create(value);

    public static ReaderOptions ReaderOptions() => new()
    {
        DeviceId = "reader-test",
        PollInterval = TimeSpan.FromMilliseconds(50),
        NumberBWait = TimeSpan.FromSeconds(5),
        TapDeadline = TimeSpan.FromSeconds(5),
        StaffWait = TimeSpan.FromSeconds(5),
        RemovalWait = TimeSpan.FromSeconds(2),
    };

    /// <summary>True when <paramref name="haystack"/> contains <paramref name="needle"/> as ASCII/UTF-8, UTF-16LE or UTF-16BE bytes.</summary>
    public static bool ContainsText(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0
        || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(needle)) >= 0
        || haystack.AsSpan().IndexOf(Encoding.BigEndianUnicode.GetBytes(needle)) >= 0;
}
