using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReaderKit.Contracts;
using ReaderKit.Protocol;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Rpc.FolderExchange;

/// <summary>
/// Folder exchange for software that watches folders: takes tap requests (<c>*.json</c>) from an inbox, runs them
/// through the same <see cref="IReaderService"/> and lease as RPC clients, and writes every result as
/// <c>&lt;requestId|tapId&gt;.json</c> and <c>.xml</c> into an outbox with an atomic rename. A request file is claimed by
/// renaming it, read, overwritten with zeros and deleted before the tap starts. Result files carry only the personal
/// fields in <see cref="FolderExchangeOptions.AllowedFields"/> (and, for inbox requests, only those the request asked
/// for). Event handling never blocks the reader: results are queued (bounded) and written by a background task.
/// </summary>
public sealed partial class FolderExchange : IReaderEventSink, IAsyncDisposable
{
    private readonly IReaderService _service;
    private readonly ReaderLeaseManager _leases;
    private readonly FolderExchangeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, (string? RequestId, HashSet<string> Fields)> _own = new(StringComparer.Ordinal);
    private readonly Channel<(string? RequestId, string? TapId, TapResult? Result, RpcError? Refused)> _results =
        Channel.CreateBounded<(string?, string?, TapResult?, RpcError?)>(new BoundedChannelOptions(64) { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDisposable? _subscription;
    private Task? _poll;
    private Task? _writer;
    private long _filesWritten;

    public FolderExchange(IReaderService service, ReaderLeaseManager leases, FolderExchangeOptions options, TimeProvider? time = null, ILogger<FolderExchange>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentNullException.ThrowIfNull(options);
        if (options.AllowedFields.Any(f => !PersonalField.All.Contains(f)))
        {
            throw new ArgumentException("AllowedFields holds an unknown field name.", nameof(options));
        }

        _service = service;
        _leases = leases;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Result files written so far (each JSON/XML pair counts once).</summary>
    public long FilesWritten => Interlocked.Read(ref _filesWritten);

    private string Principal => "folder:" + _options.ClientName;

    /// <summary>Creates the folders, subscribes to results and starts the inbox poll.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(_options.InboxDirectory);
        Directory.CreateDirectory(_options.OutboxDirectory);
        _subscription = _service.Subscribe(this);
        _writer = Task.Run(() => WriteLoopAsync(_stop.Token), CancellationToken.None);
        _poll = Task.Run(() => PollLoopAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Processes every request now in the inbox; returns how many were taken (tests and a manual trigger).</summary>
    public async Task<int> ProcessInboxOnceAsync(CancellationToken cancellationToken = default)
    {
        var taken = 0;
        var files = new DirectoryInfo(_options.InboxDirectory).GetFiles("*.json").OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var claimed = file.FullName + ".processing";
            try
            {
                File.Move(file.FullName, claimed);
            }
            catch (IOException)
            {
                continue; // gone or claimed by someone else
            }

            taken++;
            await ProcessAsync(Path.GetFileNameWithoutExtension(file.Name), claimed, cancellationToken).ConfigureAwait(false);
        }

        return taken;
    }

    public void OnEvent(ReaderEvent readerEvent)
    {
        if (readerEvent is not TapResultEvent result)
        {
            return;
        }

        var own = _own.TryRemove(result.TapId, out var request);
        if (!own && !_options.WriteAllTaps)
        {
            return;
        }

        var allowed = own ? request.Fields.Intersect(_options.AllowedFields).ToList() : _options.AllowedFields;
        var restricted = result.Result with { Fields = result.Result.Fields?.Restrict(allowed) };
        if (!_results.Writer.TryWrite((own ? request.RequestId : restricted.RequestId, result.TapId, restricted, null)))
        {
            LogQueueFull(_logger, result.TapId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _stop.CancelAsync().ConfigureAwait(false);
        _results.Writer.TryComplete();
        foreach (var task in new[] { _poll, _writer })
        {
            if (task is not null)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        _stop.Dispose();
    }

    private async Task ProcessAsync(string fileStem, string claimedPath, CancellationToken cancellationToken)
    {
        byte[] bytes = [];
        TapStartRequest? request = null;
        string? requestId = FolderRequest.IsSafeId(fileStem) ? fileStem : null;
        try
        {
            bytes = await File.ReadAllBytesAsync(claimedPath, cancellationToken).ConfigureAwait(false);
            Shred(claimedPath, bytes.Length);
            if (bytes.Length > ProtocolLimits.DefaultMaxMessageBytes)
            {
                throw new FormatException("The request file is larger than 64 KiB.");
            }

            (var declared, request) = FolderRequest.Parse(bytes);
            if (declared is not null)
            {
                requestId = FolderRequest.IsSafeId(declared) ? declared : throw new FormatException("requestId must be 1-64 letters, digits, '-', '_' or '.'.");
            }

            foreach (var field in request.Options.Fields)
            {
                if (!PersonalField.All.Contains(field))
                {
                    throw new FormatException($"Unknown field '{field}'.");
                }
            }

            _leases.EnsureMayStartTap(Principal);
            var tapId = TapRegistry.NewTapId();
            _own[tapId] = (requestId, request.Options.Fields.ToHashSet(StringComparer.Ordinal));
            try
            {
                await _service.StartTapAsync(tapId, request with { RequestId = requestId }, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _own.TryRemove(tapId, out _);
                throw;
            }
        }
        catch (FormatException e)
        {
            Refuse(requestId ?? "request-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), RpcError.From(ErrorCode.InvalidInput, e.Message));
        }
        catch (ReaderServiceException e)
        {
            Refuse(requestId, RpcError.From(e.Code, e.Message));
        }
        catch (IOException e)
        {
            LogInboxFailed(_logger, e.GetType().Name);
        }
        finally
        {
            request?.Dispose();
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private void Refuse(string? requestId, RpcError error)
    {
        if (!_results.Writer.TryWrite((requestId, null, null, error)))
        {
            LogQueueFull(_logger, requestId ?? "-");
        }
    }

    /// <summary>Overwrites a request file with zeros and deletes it (best effort: journaling file systems and SSDs may keep old blocks).</summary>
    private static void Shred(string path, int length)
    {
        try
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None))
            {
                stream.Write(new byte[length]);
                stream.Flush(flushToDisk: true);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task PollLoopAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                await ProcessInboxOnceAsync(token).ConfigureAwait(false);
                await Task.Delay(_options.PollInterval, _time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogInboxFailed(_logger, e.GetType().Name);
                await Task.Delay(_options.PollInterval, _time, token).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteLoopAsync(CancellationToken token)
    {
        await foreach (var (requestId, tapId, result, refused) in _results.Reader.ReadAllAsync(token).ConfigureAwait(false))
        {
            var name = requestId ?? tapId ?? "result";
            try
            {
                if (_options.WriteJson)
                {
                    WriteAtomically(name + ".json", FolderResultWriter.Json(requestId, tapId, result, refused));
                }

                if (_options.WriteXml)
                {
                    WriteAtomically(name + ".xml", FolderResultWriter.Xml(requestId, tapId, result, refused));
                }

                Interlocked.Increment(ref _filesWritten);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogOutboxFailed(_logger, name, e.GetType().Name);
            }
        }
    }

    private void WriteAtomically(string fileName, byte[] content)
    {
        var target = Path.Combine(_options.OutboxDirectory, fileName);
        var temp = Path.Combine(_options.OutboxDirectory, "." + fileName + ".tmp");
        var streamOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = _options.OutboxFileMode;
        }

        try
        {
            using (var stream = new FileStream(temp, streamOptions))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "folder exchange: result queue full; result of {TapId} not written")]
    private static partial void LogQueueFull(ILogger logger, string tapId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "folder exchange: inbox scan failed ({Kind})")]
    private static partial void LogInboxFailed(ILogger logger, string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "folder exchange: could not write {Name} ({Kind})")]
    private static partial void LogOutboxFailed(ILogger logger, string name, string kind);
}
