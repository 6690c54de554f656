using Microsoft.Extensions.Logging;

namespace ReaderKit.Host.Logging;

/// <summary>
/// Wraps the real logger provider (console/journald) so that every message, every structured value and every
/// exception text passes through <see cref="SecretRedactor"/> before the inner provider sees it.
/// </summary>
public sealed class RedactingLoggerProvider(ILoggerProvider inner, SecretRedactor redactor) : ILoggerProvider
{
    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

    /// <inheritdoc />
    public void Dispose() => inner.Dispose();
}
