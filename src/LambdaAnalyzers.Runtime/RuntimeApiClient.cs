using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Runtime;

/// <summary>HTTP calls of the Runtime API (2018-06-01) over one reused connection.</summary>
internal sealed class RuntimeApiClient : IDisposable
{
    private static readonly MediaTypeHeaderValue ErrorContentType = new("application/vnd.aws.lambda.error+json");

    private readonly HttpClient _http;
    private readonly TimeProvider _clock;

    public RuntimeApiClient(string endpoint, TimeProvider clock)
    {
        _clock = clock;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri($"http://{endpoint}/2018-06-01/"),
            // next blocks until an invocation arrives, which may take arbitrarily long.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<LambdaInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = response.Headers;
        return new LambdaInvocation(
            requestId: Header(headers, "Lambda-Runtime-Aws-Request-Id") ?? throw new InvalidOperationException("invocation/next returned no Lambda-Runtime-Aws-Request-Id."),
            deadline: ParseDeadline(Header(headers, "Lambda-Runtime-Deadline-Ms")),
            invokedFunctionArn: Header(headers, "Lambda-Runtime-Invoked-Function-Arn") ?? string.Empty,
            traceId: Header(headers, "Lambda-Runtime-Trace-Id") ?? string.Empty,
            clientContextJson: Header(headers, "Lambda-Runtime-Client-Context"),
            cognitoIdentityJson: Header(headers, "Lambda-Runtime-Cognito-Identity"),
            tenantId: Header(headers, "Lambda-Runtime-Aws-Tenant-Id") ?? string.Empty,
            payload: payload);
    }

    public async Task PostResponseAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        // Not a StreamContent: disposing that would dispose the loop's reused response buffer.
        using var content = new ReadOnlyMemoryContent(body);
        using var response = await _http.PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            // The platform has already ended this invoke with Function.ResponseSizeTooLarge; the loop goes on.
            LambdaLog.Write(LogLevels.Error, $"The response of {requestId} exceeds the Runtime API's payload limit and was refused.", LambdaLog.Error);
            return;
        }

        response.EnsureSuccessStatusCode();
    }

    public async Task PostErrorAsync(string requestId, ErrorReport error, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(error.Json);
        content.Headers.ContentType = ErrorContentType;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"runtime/invocation/{Uri.EscapeDataString(requestId)}/error") { Content = content };
        request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", error.ErrorType);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Reports a failed Init (<c>POST /runtime/init/error</c>), before the first <c>next</c>.</summary>
    public async Task PostInitErrorAsync(ErrorReport error, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(error.Json);
        content.Headers.ContentType = ErrorContentType;
        using var request = new HttpRequestMessage(HttpMethod.Post, "runtime/init/error") { Content = content };
        request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", error.ErrorType);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static DateTimeOffset? ParseDeadline(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
