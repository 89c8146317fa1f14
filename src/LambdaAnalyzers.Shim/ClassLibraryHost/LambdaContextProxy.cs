using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using LambdaAnalyzers.Runtime;

namespace LambdaAnalyzers.Shim.ClassLibraryHost;

/// <summary>
/// Implements the function's own <c>ILambdaContext</c> (whatever Amazon.Lambda.Core version it uses) with
/// <see cref="DispatchProxy"/>; members are answered by name. Nested interfaces (logger, client context,
/// cognito identity) are proxied the same way.
/// </summary>
public class LambdaContextProxy : DispatchProxy
{
    private Func<string, Type, object?[]?, object?> _answer = (_, _, _) => null;

    internal static object Create(Type interfaceType, LambdaInvocation invocation, object? serializer)
    {
        var memory = int.TryParse(Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var mb) ? mb : 0;
        object? logger = null;
        Lazy<object?>? identity = null;
        Lazy<object?>? clientContext = null;
        return Make(interfaceType, (name, returnType, _) => name switch
        {
            "AwsRequestId" => invocation.RequestId,
            "FunctionName" => Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME"),
            "FunctionVersion" => Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_VERSION"),
            "InvokedFunctionArn" => invocation.InvokedFunctionArn,
            "LogGroupName" => Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_GROUP_NAME"),
            "LogStreamName" => Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_STREAM_NAME"),
            "MemoryLimitInMB" => memory,
            "RemainingTime" => invocation.RemainingTime(TimeProvider.System),
            "TenantId" => invocation.TenantId,
            "TraceId" => invocation.TraceId,
            "Serializer" => serializer is not null && returnType.IsInstanceOfType(serializer) ? serializer : null,
            "Logger" => logger ??= MakeLogger(returnType),
            "Identity" => (identity ??= new Lazy<object?>(() => MakeIdentity(returnType, invocation.CognitoIdentityJson))).Value,
            "ClientContext" => (clientContext ??= new Lazy<object?>(() => MakeClientContext(returnType, invocation.ClientContextJson))).Value,
            _ => null,
        });
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod is null)
        {
            return null;
        }

        var name = targetMethod.Name.StartsWith("get_", StringComparison.Ordinal) ? targetMethod.Name.Substring(4) : targetMethod.Name;
        var value = _answer(name, targetMethod.ReturnType, args);
        if (value is null && targetMethod.ReturnType.IsValueType && targetMethod.ReturnType != typeof(void))
        {
            return Activator.CreateInstance(targetMethod.ReturnType);
        }

        return value;
    }

    private static object Make(Type interfaceType, Func<string, Type, object?[]?, object?> answer)
    {
        var proxy = (LambdaContextProxy)Create(interfaceType, typeof(LambdaContextProxy));
        proxy._answer = answer;
        return proxy;
    }

    private static object? MakeLogger(Type loggerType) =>
        loggerType.IsInterface
            ? Make(loggerType, (name, _, args) =>
            {
                if (args is { Length: > 0 })
                {
                    // Log(message), LogLine(message), Log(level, message), LogInformation(message, args…)
                    var text = args[^1] is object?[] formatArgs && args.Length >= 2 ? string.Format(CultureInfo.InvariantCulture, args[^2]?.ToString() ?? string.Empty, formatArgs) : args[^1]?.ToString();
                    if (name == "Log" && args.Length == 1)
                    {
                        Console.Write(text);
                    }
                    else
                    {
                        Console.WriteLine(text);
                    }
                }

                return null;
            })
            : null;

    private static object? MakeIdentity(Type identityType, string? json)
    {
        if (json is null || !identityType.IsInterface)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        var id = Text(document.RootElement, "cognitoIdentityId");
        var pool = Text(document.RootElement, "cognitoIdentityPoolId");
        return Make(identityType, (name, _, _) => name switch
        {
            "IdentityId" => id,
            "IdentityPoolId" => pool,
            _ => null,
        });
    }

    private static object? MakeClientContext(Type contextType, string? json)
    {
        if (json is null || !contextType.IsInterface)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var custom = Map(root, "custom");
        var environment = Map(root, "env") ?? Map(root, "environment");
        Dictionary<string, string?>? client = null;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("client", out var c) && c.ValueKind == JsonValueKind.Object)
        {
            client = new Dictionary<string, string?>
            {
                ["InstallationId"] = Text(c, "installation_id"),
                ["AppTitle"] = Text(c, "app_title"),
                ["AppVersionName"] = Text(c, "app_version_name"),
                ["AppVersionCode"] = Text(c, "app_version_code"),
                ["AppPackageName"] = Text(c, "app_package_name"),
            };
        }

        return Make(contextType, (name, returnType, _) => name switch
        {
            "Custom" => custom,
            "Environment" => environment,
            "Client" => client is null || !returnType.IsInterface ? null : Make(returnType, (n, _, _) => client.TryGetValue(n, out var v) ? v : null),
            _ => null,
        });
    }

    private static Dictionary<string, string>? Map(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var map = new Dictionary<string, string>();
        foreach (var property in value.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return map;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
