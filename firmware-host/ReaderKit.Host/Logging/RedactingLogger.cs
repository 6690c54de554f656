using Microsoft.Extensions.Logging;

namespace ReaderKit.Host.Logging;

/// <summary>One category's logger behind <see cref="RedactingLoggerProvider"/>.</summary>
internal sealed class RedactingLogger(ILogger inner, SecretRedactor redactor) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(new RedactedLogState(state is IEnumerable<KeyValuePair<string, object?>> kv ? kv : [new("Scope", state)], redactor.Redact(state.ToString()), redactor));

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(formatter);
        var message = redactor.Redact(formatter(state, exception));
        var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
        var redactedState = new RedactedLogState(values, message, redactor);
        var redactedException = exception is null ? null : new RedactedException(exception, redactor);
        inner.Log(logLevel, eventId, redactedState, redactedException, static (s, _) => s.ToString());
    }
}
