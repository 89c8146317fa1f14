using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// A Lambda extension's side of the Extensions API (<c>/2020-01-01/extension</c>) and of the Telemetry API's
/// subscription: register, then loop on <see cref="NextAsync"/> (or <see cref="RunAsync"/>) and, optionally,
/// receive telemetry. Works for external extensions (an executable in a layer's <c>extensions/</c> folder) and for
/// internal ones (a task inside the function's process, registered before the runtime loop starts).
/// Native AOT and trimming safe.
/// <code>
/// using var extension = await LambdaExtension.RegisterAsync("my-extension", LambdaExtensionEvents.Invoke | LambdaExtensionEvents.Shutdown);
/// await extension.RunAsync((e, ct) => { Console.WriteLine(e.EventType); return default; });
/// </code>
/// </summary>
public sealed class LambdaExtension : IDisposable
{
    private const string IdentifierHeader = "Lambda-Extension-Identifier";
    private readonly HttpClient _http;
    private readonly List<TelemetryListener> _listeners = new();

    private LambdaExtension(HttpClient http, string name, string id, string functionName, string functionVersion, string handler, string? accountId)
    {
        _http = http;
        Name = name;
        Id = id;
        FunctionName = functionName;
        FunctionVersion = functionVersion;
        Handler = handler;
        AccountId = accountId;
    }

    /// <summary>The name it registered under (an external extension's is its file name).</summary>
    public string Name { get; }

    /// <summary>The identifier the API gave it (<c>Lambda-Extension-Identifier</c>).</summary>
    public string Id { get; }

    /// <summary>The function's name.</summary>
    public string FunctionName { get; }

    /// <summary>The function's version.</summary>
    public string FunctionVersion { get; }

    /// <summary>The function's handler string.</summary>
    public string Handler { get; }

    /// <summary>The function's account id.</summary>
    public string? AccountId { get; }

    /// <summary>
    /// Registers with the Extensions API named by <c>AWS_LAMBDA_RUNTIME_API</c>. An external extension registers under
    /// its own file name; an internal one under any unique name, before the runtime's first <c>next</c>, and cannot ask
    /// for <see cref="LambdaExtensionEvents.Shutdown"/>.
    /// </summary>
    /// <param name="name">The extension's name.</param>
    /// <param name="events">The events it wants.</param>
    /// <param name="cancellationToken">Cancels the registration.</param>
    /// <returns>The registered extension.</returns>
    /// <exception cref="InvalidOperationException"><c>AWS_LAMBDA_RUNTIME_API</c> is not set, or the API refused the registration.</exception>
    public static Task<LambdaExtension> RegisterAsync(string name, LambdaExtensionEvents events, CancellationToken cancellationToken = default)
    {
        var endpoint = Environment.GetEnvironmentVariable(LambdaRuntime.RuntimeApiVariable);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            throw new InvalidOperationException($"{LambdaRuntime.RuntimeApiVariable} is not set: extensions run inside AWS Lambda or the LambdaAnalyzers shim.");
        }

        return RegisterAsync(endpoint!, name, events, cancellationToken);
    }

    internal static async Task<LambdaExtension> RegisterAsync(string endpoint, string name, LambdaExtensionEvents events, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri($"http://{endpoint}/"),
            // event/next blocks until the next event, however long that takes.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "2020-01-01/extension/register") { Content = Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("events");
                if ((events & LambdaExtensionEvents.Invoke) != 0)
                {
                    writer.WriteStringValue("INVOKE");
                }

                if ((events & LambdaExtensionEvents.Shutdown) != 0)
                {
                    writer.WriteStringValue("SHUTDOWN");
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }) };
            request.Headers.TryAddWithoutValidation("Lambda-Extension-Name", name);
            request.Headers.TryAddWithoutValidation("Lambda-Extension-Accept-Feature", "accountId");
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            EnsureSuccess(response, body, "register");
            var id = response.Headers.TryGetValues(IdentifierHeader, out var values) ? values.FirstOrDefault() : null;
            if (string.IsNullOrEmpty(id))
            {
                throw new InvalidOperationException("The Extensions API answered register without a Lambda-Extension-Identifier.");
            }

            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return new LambdaExtension(http, name, id!, String(root, "functionName") ?? string.Empty, String(root, "functionVersion") ?? string.Empty, String(root, "handler") ?? string.Empty, String(root, "accountId"));
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Says the extension is done with the current phase (Init, or the last invoke) and waits for the next event.
    /// The environment may be frozen while it waits.
    /// </summary>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The next event.</returns>
    public async Task<LambdaExtensionEvent> NextAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "2020-01-01/extension/event/next");
        request.Headers.TryAddWithoutValidation(IdentifierHeader, Id);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, body, "event/next");
        return LambdaExtensionEvent.Parse(body);
    }

    /// <summary>
    /// Calls <paramref name="onEvent"/> for every event until SHUTDOWN has been handled (external extensions) or
    /// <paramref name="cancellationToken"/> is cancelled. A handler that throws is reported through <c>exit/error</c>
    /// (error type <c>Extension.&lt;ExceptionType&gt;</c>) before the exception propagates.
    /// </summary>
    /// <param name="onEvent">Handles one event; the next <c>next</c> call (the end of this extension's phase) waits for it.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>A task that completes after SHUTDOWN was handled.</returns>
    public async Task RunAsync(Func<LambdaExtensionEvent, CancellationToken, ValueTask> onEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        while (true)
        {
            var next = await NextAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await onEvent(next, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await ReportExitErrorAsync("Extension." + exception.GetType().Name, exception.Message, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            if (next.EventType == LambdaExtensionEventType.Shutdown)
            {
                return;
            }
        }
    }

    /// <summary>Reports that the extension's Init failed (<c>init/error</c>); the function's Init fails with <c>Extension.InitError</c>. Exit afterwards.</summary>
    /// <param name="errorType">A type in the <c>Extension.Reason</c> form.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="cancellationToken">Cancels the report.</param>
    /// <returns>A task that completes when the report was accepted.</returns>
    public Task ReportInitErrorAsync(string errorType, string? message = null, CancellationToken cancellationToken = default) =>
        ReportErrorAsync("2020-01-01/extension/init/error", errorType, message, cancellationToken);

    /// <summary>Reports that the extension fails and is about to exit (<c>exit/error</c>). Exit afterwards.</summary>
    /// <param name="errorType">A type in the <c>Extension.Reason</c> form.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="cancellationToken">Cancels the report.</param>
    /// <returns>A task that completes when the report was accepted.</returns>
    public Task ReportExitErrorAsync(string errorType, string? message = null, CancellationToken cancellationToken = default) =>
        ReportErrorAsync("2020-01-01/extension/exit/error", errorType, message, cancellationToken);

    /// <summary>
    /// Starts a listener inside the environment and subscribes it to the Telemetry API (during the extension's Init,
    /// before its first <see cref="NextAsync"/>: later subscriptions are refused). <paramref name="onBatch"/> receives
    /// each delivered batch; the delivery is acknowledged when it returns, and retried by Lambda when it throws.
    /// </summary>
    /// <param name="types">The streams to receive.</param>
    /// <param name="onBatch">Handles one batch of events, in order.</param>
    /// <param name="buffering">How Lambda batches events (null: its defaults).</param>
    /// <param name="cancellationToken">Cancels the subscription request.</param>
    /// <returns>A task that completes when the subscription was accepted.</returns>
    /// <exception cref="InvalidOperationException">The Telemetry API refused the subscription.</exception>
    public async Task SubscribeTelemetryAsync(
        LambdaTelemetryTypes types, Func<IReadOnlyList<LambdaTelemetryEvent>, CancellationToken, ValueTask> onBatch,
        LambdaTelemetryBuffering? buffering = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onBatch);
        if (types == LambdaTelemetryTypes.None)
        {
            throw new ArgumentException("Subscribe to at least one telemetry stream.", nameof(types));
        }

        var listener = await TelemetryListener.StartAsync(body => onBatch(ParseBatch(body), CancellationToken.None), cancellationToken).ConfigureAwait(false);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, "2022-07-01/telemetry") { Content = Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("schemaVersion", "2022-12-13");
                writer.WriteStartArray("types");
                foreach (var (flag, name) in new[] { (LambdaTelemetryTypes.Platform, "platform"), (LambdaTelemetryTypes.Function, "function"), (LambdaTelemetryTypes.Extension, "extension") })
                {
                    if ((types & flag) != 0)
                    {
                        writer.WriteStringValue(name);
                    }
                }

                writer.WriteEndArray();
                if (buffering is not null)
                {
                    writer.WriteStartObject("buffering");
                    WriteOptional(writer, "maxItems", buffering.MaxItems);
                    WriteOptional(writer, "maxBytes", buffering.MaxBytes);
                    WriteOptional(writer, "timeoutMs", buffering.TimeoutMs);
                    writer.WriteEndObject();
                }

                writer.WriteStartObject("destination");
                writer.WriteString("protocol", "HTTP");
                writer.WriteString("URI", $"http://sandbox.localdomain:{listener.Port.ToString(CultureInfo.InvariantCulture)}/telemetry");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }) };
            request.Headers.TryAddWithoutValidation(IdentifierHeader, Id);
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            EnsureSuccess(response, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), "telemetry subscribe");
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        lock (_listeners)
        {
            _listeners.Add(listener);
        }
    }

    /// <summary>Stops the telemetry listeners and releases the connection.</summary>
    public void Dispose()
    {
        lock (_listeners)
        {
            foreach (var listener in _listeners)
            {
                listener.Dispose();
            }

            _listeners.Clear();
        }

        _http.Dispose();
    }

    private async Task ReportErrorAsync(string path, string errorType, string? message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorType);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("errorMessage", message ?? errorType);
            writer.WriteString("errorType", errorType);
            writer.WriteEndObject();
        }) };
        request.Headers.TryAddWithoutValidation(IdentifierHeader, Id);
        request.Headers.TryAddWithoutValidation("Lambda-Extension-Function-Error-Type", errorType);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), path);
    }

    private static IReadOnlyList<LambdaTelemetryEvent> ParseBatch(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        var events = new List<LambdaTelemetryEvent>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var time = String(item, "time") is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : default;
            var record = item.TryGetProperty("record", out var value) ? value.Clone() : default;
            events.Add(new LambdaTelemetryEvent(time, String(item, "type") ?? string.Empty, record));
        }

        return events;
    }

    private static void EnsureSuccess(HttpResponseMessage response, byte[] body, string call)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string? errorType = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            errorType = String(document.RootElement, "errorType");
            message = String(document.RootElement, "errorMessage");
        }
        catch (JsonException)
        {
        }

        throw new InvalidOperationException(
            $"The Lambda API refused {call}: {(int)response.StatusCode} {errorType ?? response.StatusCode.ToString()}{(message is null ? string.Empty : ": " + message)}");
    }

    private static ByteArrayContent Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is int number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
