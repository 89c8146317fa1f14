using System;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>The test host API applies the Invoke API's payload rules too.</summary>
public sealed class HostApiTests
{
    private static Task<LambdaShim> StartAsync() =>
        LambdaShim.StartAsync(new LambdaShimOptions { Mode = ShimExecutionMode.External, FunctionName = "host-api", Timeout = TimeSpan.FromSeconds(30) });

    [Fact]
    public async Task Non_JSON_payload_is_refused_with_InvalidRequestContentException()
    {
        await using var fn = await StartAsync();

        var error = await Assert.ThrowsAsync<LambdaServiceException>(() => fn.InvokeAsync("not json"));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("InvalidRequestContentException", error.ErrorCode);
        Assert.Throws<LambdaServiceException>(() => fn.InvokeEvent("{"));
    }

    [Fact]
    public async Task Oversized_payloads_are_refused_with_RequestEntityTooLargeException()
    {
        await using var fn = await StartAsync();

        var sync = await Assert.ThrowsAsync<LambdaServiceException>(() => fn.InvokeAsync(new byte[LambdaShim.MaxSyncRequestBytes + 1]));
        var async = Assert.Throws<LambdaServiceException>(() => fn.InvokeEvent(new byte[LambdaShim.MaxEventRequestBytes + 1]));

        Assert.Equal((413, "RequestEntityTooLargeException"), (sync.StatusCode, sync.ErrorCode));
        Assert.Equal("Request must be smaller than 6291456 bytes for the InvokeFunction operation", sync.Message);
        Assert.Equal((413, "RequestEntityTooLargeException"), (async.StatusCode, async.ErrorCode));
        Assert.Equal("1048577 byte payload is too large for the Event invocation type (limit 1048576 bytes)", async.Message);
    }

    [Fact]
    public async Task Empty_payload_reaches_the_runtime_as_an_empty_object_and_typed_invoke_round_trips()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];

        var empty = fn.InvokeAsync(ReadOnlyMemory<byte>.Empty);
        var next = await RawHttp.GetAsync(endpoint, "/2018-06-01/runtime/invocation/next");
        Assert.Equal("{}", next.Text);
        await RawHttp.PostAsync(endpoint, $"/2018-06-01/runtime/invocation/{next.Header("Lambda-Runtime-Aws-Request-Id")}/response", "{}");
        (await empty).EnsureSuccess();

        var typed = fn.InvokeAsync<Order, Receipt>(new Order("42", 3));
        next = await RawHttp.GetAsync(endpoint, "/2018-06-01/runtime/invocation/next");
        Assert.Equal("{\"id\":\"42\",\"quantity\":3}", next.Text);
        await RawHttp.PostAsync(endpoint, $"/2018-06-01/runtime/invocation/{next.Header("Lambda-Runtime-Aws-Request-Id")}/response", "{\"OrderId\":\"42\",\"Total\":9.5}");
        var receipt = await typed;
        Assert.Equal(new Receipt("42", 9.5m), receipt.Response);
    }

    public sealed record Order(string Id, int Quantity);

    public sealed record Receipt(string OrderId, decimal Total);
}
