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
    private Func<MethodInfo, object?[]?, object?> _answer = (_, _) => null;

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

        var value = _answer(targetMethod, args);
        if (value is null && targetMethod.ReturnType.IsValueType && targetMethod.ReturnType != typeof(void))
        {
            return Activator.CreateInstance(targetMethod.ReturnType);
        }

        return value;
    }

    /// <summary>A proxy answering members by name (properties without their <c>get_</c>) and return type.</summary>
    private static object Make(Type interfaceType, Func<string, Type, object?[]?, object?> answer) =>
        Make(interfaceType, (method, args) =>
        {
            var name = method.Name.StartsWith("get_", StringComparison.Ordinal) ? method.Name.Substring(4) : method.Name;
            return answer(name, method.ReturnType, args);
        });

    private static object Make(Type interfaceType, Func<MethodInfo, object?[]?, object?> answer)
    {
        var proxy = (LambdaContextProxy)Create(interfaceType, typeof(LambdaContextProxy));
        proxy._answer = answer;
        return proxy;
    }

    /// <summary>
    /// The function's <c>ILambdaLogger</c>, writing as the managed runtime's logger does: <c>Log(message)</c> to
    /// standard output as is; <c>LogLine</c> at Information; every levelled overload (<c>Log(level, …)</c>,
    /// <c>LogInformation(…)</c>, with or without an exception and template arguments) through <see cref="LambdaLog"/>.
    /// </summary>
    private static object? MakeLogger(Type loggerType) =>
        loggerType.IsInterface ? Make(loggerType, (method, args) => Log(method, args ?? Array.Empty<object?>())) : null;

    private static object? Log(MethodInfo method, object?[] args)
    {
        var parameters = method.GetParameters();
        if (method.Name == "Log" && parameters.Length == 1)
        {
            Console.Write(args[0] as string);
            return null;
        }

        // The level: in the name (LogWarning), else Log's first parameter (a name, or the function's LogLevel enum).
        string? level = null;
        var first = 0;
        if (method.Name.StartsWith("Log", StringComparison.Ordinal) && method.Name.Length > 3 && method.Name != "LogLine")
        {
            level = method.Name.Substring(3);
        }
        else if (method.Name == "Log")
        {
            level = Convert.ToString(args[0], CultureInfo.InvariantCulture);
            first = 1;
        }

        Exception? exception = null;
        string? message = null;
        object?[]? arguments = null;
        for (var i = first; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            if (typeof(Exception).IsAssignableFrom(type))
            {
                exception = args[i] as Exception;
            }
            else if (type == typeof(object[]))
            {
                arguments = args[i] as object?[];
            }
            else if (type == typeof(string))
            {
                message = args[i] as string;
            }
        }

        LambdaLog.Write(level, exception, message, arguments);
        return null;
    }

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
