using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>A subscription's buffering: a batch is shipped when it holds <c>maxItems</c> events or <c>maxBytes</c>, or <c>timeoutMs</c> after its first event.</summary>
internal sealed record TelemetryBuffering(int MaxItems, int MaxBytes, TimeSpan Timeout)
{
    public static readonly TelemetryBuffering Default = new(10_000, 262_144, TimeSpan.FromMilliseconds(1_000));
}

/// <summary>Where a subscription's batches go: an HTTP listener (a JSON array per POST) or a TCP port (NDJSON).</summary>
internal abstract class TelemetryDestination : IDisposable
{
    public abstract Task SendAsync(IReadOnlyList<byte[]> events, CancellationToken cancellationToken);

    public virtual void Dispose()
    {
    }
}

/// <summary>POSTs each batch as one JSON array to the listener inside the environment (here: 127.0.0.1).</summary>
internal sealed class HttpTelemetryDestination : TelemetryDestination
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5) })
    {
        // A frozen extension answers after its thaw, however long that takes.
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    private readonly Uri _address;

    public HttpTelemetryDestination(int port, string pathAndQuery) => _address = new Uri($"http://127.0.0.1:{port}{pathAndQuery}");

    public override async Task SendAsync(IReadOnlyList<byte[]> events, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("["u8);
        for (var i = 0; i < events.Count; i++)
        {
            if (i > 0)
            {
                buffer.Write(","u8);
            }

            buffer.Write(events[i]);
        }

        buffer.Write("]"u8);
        using var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.PostAsync(_address, content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>Writes each event as one line (NDJSON) to a TCP port inside the environment, over one kept connection.</summary>
internal sealed class TcpTelemetryDestination : TelemetryDestination
{
    private readonly int _port;
    private TcpClient? _client;

    public TcpTelemetryDestination(int port) => _port = port;

    public override async Task SendAsync(IReadOnlyList<byte[]> events, CancellationToken cancellationToken)
    {
        try
        {
            if (_client is null)
            {
                _client = new TcpClient();
                await _client.ConnectAsync("127.0.0.1", _port, cancellationToken).ConfigureAwait(false);
            }

            var stream = _client.GetStream();
            foreach (var item in events)
            {
                await stream.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            }

            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            _client?.Dispose();
            _client = null;
            throw;
        }
    }

    public override void Dispose() => _client?.Dispose();
}

/// <summary>
/// One extension's Telemetry API subscription: the streams it chose, its buffering, and the delivery of its batches
/// (one at a time, in order, retried with backoff when the listener is missing or fails; a batch that cannot be
/// delivered is dropped and reported with <c>platform.logsDropped</c>). docs/platform/telemetry-api.md.
/// </summary>
internal sealed class TelemetrySubscription : IDisposable
{
    private const int Attempts = 4;
    private const int MaxQueuedBatches = 64;
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly TelemetryDestination _destination;
    private readonly Channel<List<byte[]>> _outbox = Channel.CreateUnbounded<List<byte[]>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sender;
    private List<byte[]> _batch = new();
    private int _batchBytes;
    private ITimer? _timer;
    private int _queued;
    private TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _droppedRecords;
    private long _droppedBytes;

    public TelemetrySubscription(string extensionName, TelemetryTypes types, TelemetryBuffering buffering, TelemetryDestination destination, TimeProvider clock)
    {
        ExtensionName = extensionName;
        Types = types;
        Buffering = buffering;
        _destination = destination;
        _clock = clock;
        _drained.TrySetResult();
        _sender = Task.Run(SendLoopAsync);
    }

    public string ExtensionName { get; }

    public TelemetryTypes Types { get; }

    public TelemetryBuffering Buffering { get; }

    /// <summary>Adds an event of a stream this subscription chose to the current batch; ships the batch when it is full.</summary>
    public void Enqueue(TelemetryRecord record)
    {
        if ((Types & record.Stream) == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _batch.Add(record.Json);
            _batchBytes += record.Json.Length;
            if (_batch.Count >= Buffering.MaxItems || _batchBytes >= Buffering.MaxBytes)
            {
                ShipLocked();
            }
            else if (_batch.Count == 1)
            {
                _timer = _clock.CreateTimer(static state => ((TelemetrySubscription)state!).Ship(), this, Buffering.Timeout, System.Threading.Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Ships the current batch and completes when every shipped batch was delivered (or dropped).</summary>
    public Task FlushAsync()
    {
        lock (_gate)
        {
            ShipLocked();
            return _drained.Task;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _stop.Cancel();
            _timer?.Dispose();
            _outbox.Writer.TryComplete();
            _drained.TrySetResult();
        }

        _destination.Dispose();
    }

    private void Ship()
    {
        lock (_gate)
        {
            ShipLocked();
        }
    }

    private void ShipLocked()
    {
        _timer?.Dispose();
        _timer = null;
        if (_batch.Count == 0 || _stop.IsCancellationRequested)
        {
            return;
        }

        var batch = _batch;
        _batch = new List<byte[]>();
        _batchBytes = 0;
        if (_queued >= MaxQueuedBatches)
        {
            // The listener lags far behind: Lambda drops records rather than grow without bound.
            CountDropped(batch);
            return;
        }

        if (_queued++ == 0)
        {
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _outbox.Writer.TryWrite(batch);
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var batch in _outbox.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                var delivered = false;
                for (var attempt = 0; attempt < Attempts && !delivered; attempt++)
                {
                    if (attempt > 0)
                    {
                        // Transport backoff in real time: it is no Lambda budget and must not wait for an injected clock.
                        await Task.Delay(TimeSpan.FromMilliseconds(100 << attempt), _stop.Token).ConfigureAwait(false);
                    }

                    try
                    {
                        await _destination.SendAsync(WithDropNotice(batch), _stop.Token).ConfigureAwait(false);
                        delivered = true;
                    }
                    catch (Exception exception) when (exception is HttpRequestException or IOException or SocketException)
                    {
                    }
                }

                lock (_gate)
                {
                    if (!delivered)
                    {
                        CountDropped(batch);
                    }

                    if (--_queued == 0)
                    {
                        _drained.TrySetResult();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Called under the lock.</summary>
    private void CountDropped(List<byte[]> batch)
    {
        _droppedRecords += batch.Count;
        foreach (var item in batch)
        {
            _droppedBytes += item.Length;
        }
    }

    /// <summary>Records dropped earlier are announced (<c>platform.logsDropped</c>) at the head of the next batch.</summary>
    private IReadOnlyList<byte[]> WithDropNotice(List<byte[]> batch)
    {
        long records;
        long bytes;
        lock (_gate)
        {
            records = _droppedRecords;
            bytes = _droppedBytes;
            _droppedRecords = 0;
            _droppedBytes = 0;
        }

        if (records == 0 || (Types & TelemetryTypes.Platform) == 0)
        {
            return batch;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("time", TelemetryBus.Time(_clock.GetUtcNow()));
            writer.WriteString("type", "platform.logsDropped");
            writer.WriteStartObject("record");
            writer.WriteNumber("droppedBytes", bytes);
            writer.WriteNumber("droppedRecords", records);
            writer.WriteString("reason", "Some logs were dropped because the telemetry listener did not accept them.");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        var withNotice = new List<byte[]>(batch.Count + 1) { buffer.WrittenSpan.ToArray() };
        withNotice.AddRange(batch);
        return withNotice;
    }
}
