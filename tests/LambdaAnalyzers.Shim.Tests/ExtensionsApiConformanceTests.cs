using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// Extensions API rules (docs/platform/extensions-api.md), one test per rule, spoken over raw HTTP by the test acting
/// as the runtime and as its extensions (external mode: the shim starts no process). A name that is a file of a
/// layer's <c>extensions/</c> folder is an external extension's; any other name registers as an internal one.
/// </summary>
public sealed class ExtensionsApiConformanceTests : IDisposable
{
    private const string RuntimeNext = "/2018-06-01/runtime/invocation/next";
    private readonly string _layer = Directory.CreateTempSubdirectory("shim-ext-layer-").FullName;

    public ExtensionsApiConformanceTests()
    {
        Directory.CreateDirectory(Path.Combine(_layer, "extensions"));
        File.WriteAllText(Path.Combine(_layer, "extensions", "ext-a"), "played by the test");
    }

    public void Dispose() => Directory.Delete(_layer, recursive: true);

    private static string ResponsePath(string id) => $"/2018-06-01/runtime/invocation/{id}/response";

    private Task<LambdaShim> StartAsync(Action<LambdaShimOptions>? configure = null)
    {
        var options = new LambdaShimOptions
        {
            Mode = ShimExecutionMode.External, FunctionName = "conformance", Handler = "Conformance::Handler", Timeout = TimeSpan.FromSeconds(30),
        };
        options.Layers.Add(_layer);
        configure?.Invoke(options);
        return LambdaShim.StartAsync(options);
    }

    private static async Task<T> Soon<T>(Task<T> task) => await task.WaitAsync(TimeSpan.FromSeconds(30));

    private static async Task NotYet(Task task)
    {
        await Task.Delay(300);
        Assert.False(task.IsCompleted, "completed although it had to wait");
    }

    [Fact]
    public async Task Register_answers_200_with_an_identifier_and_the_function_metadata()
    {
        await using var fn = await StartAsync();

        var response = await RawExtension.TryRegisterAsync(fn.RuntimeApiEndpoints[0], "internal-a");

        Assert.Equal(200, response.Status);
        Assert.True(Guid.TryParse(response.Header("Lambda-Extension-Identifier"), out _));
        var body = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal("conformance", body.GetProperty("functionName").GetString());
        Assert.Equal("$LATEST", body.GetProperty("functionVersion").GetString());
        Assert.Equal("Conformance::Handler", body.GetProperty("handler").GetString());
        Assert.False(body.TryGetProperty("accountId", out _));
    }

    [Fact]
    public async Task Register_with_the_accountId_feature_adds_the_account_id()
    {
        await using var fn = await StartAsync(o => o.AccountId = "210987654321");

        var response = await RawExtension.TryRegisterAsync(fn.RuntimeApiEndpoints[0], "internal-a", features: "accountId");

        Assert.Equal("210987654321", JsonDocument.Parse(response.Body).RootElement.GetProperty("accountId").GetString());
    }

    [Fact]
    public async Task Register_without_a_name_is_403_InvalidExtensionName()
    {
        await using var fn = await StartAsync();

        var response = await RawExtension.TryRegisterAsync(fn.RuntimeApiEndpoints[0], null);

        Assert.Equal(403, response.Status);
        Assert.Equal("Extension.InvalidExtensionName", RawExtension.ErrorType(response));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"events\":[\"INVOKE\"],\"configurationKeys\":[\"a\"]}")]
    [InlineData("{\"events\":\"INVOKE\"}")]
    public async Task Register_with_a_bad_body_is_403_InvalidRequestFormat(string body)
    {
        await using var fn = await StartAsync();

        var response = await RawExtension.TryRegisterAsync(fn.RuntimeApiEndpoints[0], "internal-a", body);

        Assert.Equal(403, response.Status);
        Assert.Equal("InvalidRequestFormat", RawExtension.ErrorType(response));
    }

    [Fact]
    public async Task Register_for_an_unknown_event_is_403_InvalidEventType()
    {
        await using var fn = await StartAsync();

        var response = await RawExtension.TryRegisterAsync(fn.RuntimeApiEndpoints[0], "internal-a", "{\"events\":[\"INVOKE\",\"RESTORE\"]}");

        Assert.Equal(403, response.Status);
        Assert.Equal("Extension.InvalidEventType", RawExtension.ErrorType(response));
    }

    [Fact]
    public async Task Internal_extension_cannot_subscribe_to_SHUTDOWN_but_an_external_one_can()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];

        var internalOne = await RawExtension.TryRegisterAsync(endpoint, "internal-a", "{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}");
        var externalOne = await RawExtension.TryRegisterAsync(endpoint, "ext-a", "{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}");

        Assert.Equal(403, internalOne.Status);
        Assert.Equal("Extension.InvalidEventType", RawExtension.ErrorType(internalOne));
        Assert.Equal(200, externalOne.Status);
    }

    [Fact]
    public async Task Registering_a_name_twice_is_403_InvalidExtensionState()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        await RawExtension.RegisterAsync(endpoint, "internal-a", "INVOKE");
        await RawExtension.RegisterAsync(endpoint, "ext-a", "SHUTDOWN");

        var internalAgain = await RawExtension.TryRegisterAsync(endpoint, "internal-a");
        var externalAgain = await RawExtension.TryRegisterAsync(endpoint, "ext-a");

        Assert.Equal(403, internalAgain.Status);
        Assert.Equal("Extension.InvalidExtensionState", RawExtension.ErrorType(internalAgain));
        Assert.Equal(403, externalAgain.Status);
        Assert.Equal("Extension.InvalidExtensionState", RawExtension.ErrorType(externalAgain));
    }

    [Fact]
    public async Task The_eleventh_extension_internal_and_external_together_is_403_TooManyExtensions()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        await RawExtension.RegisterAsync(endpoint, "ext-a", "INVOKE");
        for (var i = 1; i < 10; i++)
        {
            await RawExtension.RegisterAsync(endpoint, $"internal-{i}", "INVOKE");
        }

        var eleventh = await RawExtension.TryRegisterAsync(endpoint, "internal-11");

        Assert.Equal(403, eleventh.Status);
        Assert.Equal("Extension.TooManyExtensions", RawExtension.ErrorType(eleventh));
        Assert.Contains("(10)", JsonDocument.Parse(eleventh.Body).RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_closes_at_the_runtimes_first_next()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        var next = await Soon(RawHttp.GetAsync(endpoint, RuntimeNext));

        var late = await RawExtension.TryRegisterAsync(endpoint, "internal-late");

        Assert.Equal(403, late.Status);
        Assert.Equal("Extension.RegistrationClosed", RawExtension.ErrorType(late));
        await RawHttp.PostAsync(endpoint, ResponsePath(next.Header("Lambda-Runtime-Aws-Request-Id")!), "1");
        Assert.True((await Soon(invoke)).IsSuccess);
    }

    [Theory]
    [InlineData(null, "Extension.MissingExtensionIdentifier")]
    [InlineData("not-a-uuid", "Extension.InvalidExtensionIdentifier")]
    [InlineData("0f3d6bd4-6a3c-4a4e-9d2b-2a7a0c1f1e11", "Extension.UnknownExtensionIdentifier")]
    public async Task Calls_with_a_missing_malformed_or_unknown_identifier_are_403(string? identifier, string errorType)
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];

        var next = await RawExtension.Call(endpoint, "GET", RawExtension.Next, identifier, null, null);
        var initError = await RawExtension.Call(endpoint, "POST", RawExtension.InitError, identifier, "Extension.Broken", "{}");
        var exitError = await RawExtension.Call(endpoint, "POST", RawExtension.ExitError, identifier, "Extension.Broken", "{}");
        var subscribe = await RawExtension.Call(endpoint, "PUT", RawExtension.Telemetry, identifier, null, "{}");

        foreach (var response in new[] { next, initError, exitError, subscribe })
        {
            Assert.Equal(403, response.Status);
            Assert.Equal(errorType, RawExtension.ErrorType(response));
        }
    }

    [Fact]
    public async Task Init_error_and_exit_error_need_the_error_type_header_else_403_MissingHeader()
    {
        await using var fn = await StartAsync();
        var extension = await RawExtension.RegisterAsync(fn.RuntimeApiEndpoints[0], "internal-a", "INVOKE");

        var initError = await extension.ReportInitErrorAsync(null);
        var exitError = await extension.ReportExitErrorAsync(null);

        Assert.Equal(403, initError.Status);
        Assert.Equal("Extension.MissingHeader", RawExtension.ErrorType(initError));
        Assert.Equal(403, exitError.Status);
        Assert.Equal("Extension.MissingHeader", RawExtension.ErrorType(exitError));
    }

    [Fact]
    public async Task Init_error_is_accepted_with_202_and_fails_the_Init_with_Extension_InitError()
    {
        await using var fn = await StartAsync(o => o.Timeout = TimeSpan.FromSeconds(1));
        var endpoint = fn.RuntimeApiEndpoints[0];
        var extension = await RawExtension.RegisterAsync(endpoint, "internal-a", "INVOKE");
        var invoke = fn.InvokeAsync("{}");

        var accepted = await extension.ReportInitErrorAsync("Extension.ConfigMissing");

        Assert.Equal(202, accepted.Status);
        Assert.Equal("OK", JsonDocument.Parse(accepted.Body).RootElement.GetProperty("status").GetString());
        Assert.Equal(403, (await extension.NextAsync()).Status);
        // The Init fails; the suppressed init inside the invoke then waits for a runtime that never comes.
        await Soon(invoke);
        Assert.Contains(fn.Environments[0].Trace, l => l.StartsWith("INIT_REPORT", StringComparison.Ordinal) && l.EndsWith("Phase: init\tStatus: error\tError Type: Extension.InitError", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Init_completes_only_when_the_runtime_and_every_extension_called_next()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var extension = await RawExtension.RegisterAsync(endpoint, "internal-a", "INVOKE");
        var invoke = fn.InvokeAsync("{\"n\":1}", new InvokeOptions { TraceId = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", Qualifier = "live" });

        var runtimeNext = RawHttp.GetAsync(endpoint, RuntimeNext);
        await NotYet(runtimeNext);
        var extensionNext = extension.NextAsync();

        var next = await Soon(runtimeNext);
        var invokeEvent = await Soon(extensionNext);
        Assert.Equal(200, invokeEvent.Status);
        Assert.True(Guid.TryParse(invokeEvent.Header("Lambda-Extension-Event-Identifier"), out _));
        var body = JsonDocument.Parse(invokeEvent.Body).RootElement;
        Assert.Equal("INVOKE", body.GetProperty("eventType").GetString());
        Assert.Equal(long.Parse(next.Header("Lambda-Runtime-Deadline-Ms")!, CultureInfo.InvariantCulture), body.GetProperty("deadlineMs").GetInt64());
        Assert.Equal(next.Header("Lambda-Runtime-Aws-Request-Id"), body.GetProperty("requestId").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:conformance:live", body.GetProperty("invokedFunctionArn").GetString());
        Assert.Equal("X-Amzn-Trace-Id", body.GetProperty("tracing").GetProperty("type").GetString());
        Assert.Equal(next.Header("Lambda-Runtime-Trace-Id"), body.GetProperty("tracing").GetProperty("value").GetString());
        Assert.False(body.TryGetProperty("payload", out _));
        await RawHttp.PostAsync(endpoint, ResponsePath(next.Header("Lambda-Runtime-Aws-Request-Id")!), "1");
        Assert.True((await Soon(invoke)).IsSuccess);
    }

    [Fact]
    public async Task Invoke_phase_completes_only_when_every_extension_called_next_again_but_the_caller_is_answered_at_once()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var extension = await RawExtension.RegisterAsync(endpoint, "internal-a", "INVOKE");
        var firstInvoke = fn.InvokeAsync("{\"n\":1}");
        var extensionNext = extension.NextAsync();
        var first = await Soon(RawHttp.GetAsync(endpoint, RuntimeNext));
        await Soon(extensionNext);

        await RawHttp.PostAsync(endpoint, ResponsePath(first.Header("Lambda-Runtime-Aws-Request-Id")!), "1");
        Assert.Equal("1", (await Soon(firstInvoke)).PayloadText);

        // The extension is still working on the first invoke: the second waits for its next.
        var secondInvoke = fn.InvokeAsync("{\"n\":2}");
        var runtimeNext = RawHttp.GetAsync(endpoint, RuntimeNext);
        await NotYet(runtimeNext);
        var secondEvent = extension.NextAsync();
        var second = await Soon(runtimeNext);
        Assert.Equal("{\"n\":2}", second.Text);
        Assert.Equal(second.Header("Lambda-Runtime-Aws-Request-Id"), JsonDocument.Parse((await Soon(secondEvent)).Body).RootElement.GetProperty("requestId").GetString());
        await RawHttp.PostAsync(endpoint, ResponsePath(second.Header("Lambda-Runtime-Aws-Request-Id")!), "2");
        Assert.True((await Soon(secondInvoke)).IsSuccess);
    }

    [Fact]
    public async Task Extension_not_subscribed_to_INVOKE_receives_no_invoke_event()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var quiet = await RawExtension.RegisterAsync(endpoint, "internal-quiet");
        var quietNext = quiet.NextAsync();
        var invoke = fn.InvokeAsync("{}");

        var next = await Soon(RawHttp.GetAsync(endpoint, RuntimeNext));
        await RawHttp.PostAsync(endpoint, ResponsePath(next.Header("Lambda-Runtime-Aws-Request-Id")!), "1");

        Assert.True((await Soon(invoke)).IsSuccess);
        Assert.False(quietNext.IsCompleted);
    }

    [Fact]
    public async Task Shutdown_sends_SHUTDOWN_spindown_with_a_2000_ms_deadline_to_an_external_extension_subscribed_to_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fn = await StartAsync(o => o.TimeProvider = clock);
        var endpoint = fn.RuntimeApiEndpoints[0];
        var external = await RawExtension.RegisterAsync(endpoint, "ext-a", "SHUTDOWN");
        var internalOne = await RawExtension.RegisterAsync(endpoint, "internal-a", "INVOKE");
        var externalNext = external.NextAsync();
        var internalNext = internalOne.NextAsync();
        var invoke = fn.InvokeAsync("{}");
        var next = await Soon(RawHttp.GetAsync(endpoint, RuntimeNext));
        await Soon(internalNext);
        await RawHttp.PostAsync(endpoint, ResponsePath(next.Header("Lambda-Runtime-Aws-Request-Id")!), "1");
        // Back in next at once, as a runtime and an extension are: the answer waits for that (or for a grace period
        // on the fake clock, which does not move here).
        var internalAgain = internalOne.NextAsync();
        _ = RawHttp.GetAsync(endpoint, RuntimeNext);
        await Soon(invoke);
        await Task.Delay(200);
        Assert.False(externalNext.IsCompleted, "an extension subscribed only to SHUTDOWN got an event during the invoke");

        var shutdownAt = clock.GetUtcNow();
        await fn.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var shutdown = JsonDocument.Parse((await Soon(externalNext)).Body).RootElement;
        Assert.Equal("SHUTDOWN", shutdown.GetProperty("eventType").GetString());
        Assert.Equal("spindown", shutdown.GetProperty("shutdownReason").GetString());
        Assert.Equal((shutdownAt + TimeSpan.FromMilliseconds(2000)).ToUnixTimeMilliseconds(), shutdown.GetProperty("deadlineMs").GetInt64());
        // The internal extension gets no SHUTDOWN: its next ends with the environment.
        Assert.NotEqual(200, (await Soon(internalAgain)).Status);
        Assert.Contains(fn.Environments[0].Timeline, e => e.Event == LambdaTimelineEvent.Shutdown && e.Party == "ext-a" && e.Detail == "spindown");
    }

    [Fact]
    public async Task A_timed_out_invoke_sends_SHUTDOWN_with_reason_timeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fn = await StartAsync(o => { o.TimeProvider = clock; o.Timeout = TimeSpan.FromSeconds(3); });
        var endpoint = fn.RuntimeApiEndpoints[0];
        var external = await RawExtension.RegisterAsync(endpoint, "ext-a", "INVOKE", "SHUTDOWN");
        var invokeEvent = external.NextAsync();
        var invoke = fn.InvokeAsync("{}");
        await Soon(RawHttp.GetAsync(endpoint, RuntimeNext));
        await Soon(invokeEvent);
        var shutdownEvent = external.NextAsync();
        await Task.Delay(100);

        clock.Advance(TimeSpan.FromSeconds(3));

        var result = await Soon(invoke);
        Assert.Equal("Sandbox.Timedout", result.Error!.ErrorType);
        var shutdown = JsonDocument.Parse((await Soon(shutdownEvent)).Body).RootElement;
        Assert.Equal("timeout", shutdown.GetProperty("shutdownReason").GetString());
    }

    [Fact]
    public async Task Extension_next_in_the_wrong_state_is_403_InvalidExtensionState()
    {
        await using var fn = await StartAsync();
        var extension = await RawExtension.RegisterAsync(fn.RuntimeApiEndpoints[0], "internal-a", "INVOKE");
        var waiting = extension.NextAsync();
        await Task.Delay(200);

        var second = await extension.NextAsync();

        Assert.Equal(403, second.Status);
        Assert.Equal("Extension.InvalidExtensionState", RawExtension.ErrorType(second));
        Assert.False(waiting.IsCompleted);
    }
}
