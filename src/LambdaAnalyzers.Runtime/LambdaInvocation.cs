using System;

namespace LambdaAnalyzers.Runtime;

/// <summary>One invocation as the Runtime API's <c>invocation/next</c> delivers it.</summary>
public sealed class LambdaInvocation
{
    private LambdaClientContext? _clientContext;
    private LambdaCognitoIdentity? _cognitoIdentity;

    internal LambdaInvocation(
        string requestId,
        DateTimeOffset? deadline,
        string invokedFunctionArn,
        string traceId,
        string? clientContextJson,
        string? cognitoIdentityJson,
        string tenantId,
        ReadOnlyMemory<byte> payload)
    {
        RequestId = requestId;
        Deadline = deadline;
        InvokedFunctionArn = invokedFunctionArn;
        TraceId = traceId;
        ClientContextJson = clientContextJson;
        CognitoIdentityJson = cognitoIdentityJson;
        TenantId = tenantId;
        Payload = payload;
    }

    /// <summary><c>Lambda-Runtime-Aws-Request-Id</c>.</summary>
    public string RequestId { get; }

    /// <summary><c>Lambda-Runtime-Deadline-Ms</c> as a point in time; null when the header was missing or unparsable.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary><c>Lambda-Runtime-Invoked-Function-Arn</c>.</summary>
    public string InvokedFunctionArn { get; }

    /// <summary><c>Lambda-Runtime-Trace-Id</c> (also set as <c>_X_AMZN_TRACE_ID</c> for the invoke).</summary>
    public string TraceId { get; }

    /// <summary><c>Lambda-Runtime-Client-Context</c>, the JSON as sent, when the caller gave one.</summary>
    public string? ClientContextJson { get; }

    /// <summary><c>Lambda-Runtime-Cognito-Identity</c>, the JSON as sent, when the caller gave one.</summary>
    public string? CognitoIdentityJson { get; }

    /// <summary><c>Lambda-Runtime-Aws-Tenant-Id</c>, empty when absent.</summary>
    public string TenantId { get; }

    /// <summary><see cref="ClientContextJson"/> read into its parts; <see langword="null"/> when absent or not a JSON object.</summary>
    public LambdaClientContext? ClientContext => _clientContext ??= LambdaClientContext.Parse(ClientContextJson);

    /// <summary><see cref="CognitoIdentityJson"/> read into its parts; <see langword="null"/> when absent or not a JSON object.</summary>
    public LambdaCognitoIdentity? CognitoIdentity => _cognitoIdentity ??= LambdaCognitoIdentity.Parse(CognitoIdentityJson);

    /// <summary>The event payload bytes.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Time left until the deadline (negative when it has passed or is unknown, as the managed runtime reports it).</summary>
    public TimeSpan RemainingTime(TimeProvider clock) =>
        Deadline is { } deadline ? deadline - clock.GetUtcNow() : TimeSpan.FromMilliseconds(-1);
}
