using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Runtime;

namespace LambdaAnalyzers.Shim.ClassLibraryHost;

/// <summary>Resolves a class-library handler as the managed .NET runtime does (docs/platform/handlers.md) and runs it.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var endpoint = Environment.GetEnvironmentVariable(LambdaRuntime.RuntimeApiVariable);
        if (string.IsNullOrEmpty(endpoint))
        {
            Console.Error.WriteLine($"{LambdaRuntime.RuntimeApiVariable} is not set.");
            return 2;
        }

        // The host's frames (and the reflection call into the handler) are the runtime's, not the function's.
        PlatformFrames.AddOwner(typeof(Program).Namespace!);
        var handlerString = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("_HANDLER") ?? string.Empty;
        HandlerInvoker invoker;
        try
        {
            invoker = HandlerInvoker.Create(handlerString);
        }
        catch (Exception exception)
        {
            var error = exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
            Console.Error.WriteLine(error.ToString());
            await ReportInitErrorAsync(endpoint, error).ConfigureAwait(false);
            return 1;
        }

        await LambdaRuntime.RunAsync(invoker.InvokeAsync).ConfigureAwait(false);
        return 0;
    }

    /// <summary><c>init/error</c> with no error-type header, as the managed runtime posts it.</summary>
    private static async Task ReportInitErrorAsync(string endpoint, Exception error)
    {
        try
        {
            using var http = new HttpClient();
            using var content = new ByteArrayContent(ErrorReport.From(error).Json);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.aws.lambda.error+json");
            using var response = await http.PostAsync(new Uri($"http://{endpoint}/2018-06-01/runtime/init/error"), content).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            Console.Error.WriteLine(exception.Message);
        }
    }
}

/// <summary>A bound handler (<see cref="HandlerBinding"/>) run per invoke: payload in, result out through the serializer.</summary>
internal sealed class HandlerInvoker
{
    private readonly MethodInfo _method;
    private readonly object? _target;
    private readonly object? _serializer;
    private readonly Type? _inputType;
    private readonly bool _takesContext;
    private readonly Type? _contextType;
    private readonly Type _outputType;

    private HandlerInvoker(HandlerBinding binding)
    {
        _method = binding.Method;
        _target = binding.Target;
        _serializer = binding.Serializer;
        _inputType = binding.InputType;
        _takesContext = binding.TakesContext;
        _contextType = binding.ContextType;
        _outputType = binding.OutputType;
    }

    public static HandlerInvoker Create(string handler) => new(HandlerBinding.Bind(handler));

    public async ValueTask InvokeAsync(LambdaInvocation invocation, Stream response, CancellationToken cancellationToken)
    {
        var arguments = new List<object?>();
        if (_inputType is not null)
        {
            var payload = new MemoryStream(invocation.Payload.ToArray(), writable: false);
            arguments.Add(_inputType == typeof(Stream) ? payload : Deserialize(_inputType, payload));
        }

        if (_takesContext)
        {
            arguments.Add(LambdaContextProxy.Create(_contextType!, invocation, _serializer));
        }

        object? result;
        try
        {
            result = _method.Invoke(_target, arguments.ToArray());
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }

        if (result is Task task)
        {
            await task.ConfigureAwait(false);
            result = _outputType == typeof(void) ? null : task.GetType().GetProperty("Result")!.GetValue(task);
        }

        if (_outputType == typeof(void))
        {
            return;
        }

        if (result is Stream stream)
        {
            await stream.CopyToAsync(response, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (typeof(Stream).IsAssignableFrom(_outputType))
        {
            return;
        }

        Serialize(_outputType, result, response);
    }

    private object? Deserialize(Type type, Stream payload)
    {
        var method = FindGeneric(_serializer!.GetType(), "Deserialize", 1).MakeGenericMethod(type);
        return Invoke(method, _serializer, payload);
    }

    private void Serialize(Type type, object? value, Stream response)
    {
        var method = FindGeneric(_serializer!.GetType(), "Serialize", 2).MakeGenericMethod(type);
        Invoke(method, _serializer, value, response);
    }

    private static object? Invoke(MethodInfo method, object target, params object?[] arguments)
    {
        try
        {
            return method.Invoke(target, arguments);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }

    private static MethodInfo FindGeneric(Type type, string name, int parameterCount)
    {
        foreach (var candidate in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (candidate.Name == name && candidate.IsGenericMethodDefinition && candidate.GetParameters().Length == parameterCount)
            {
                return candidate;
            }
        }

        // Explicit interface implementations.
        foreach (var candidate in type.GetInterfaces().SelectMany(i => type.GetInterfaceMap(i).TargetMethods))
        {
            if (candidate.Name.EndsWith(name, StringComparison.Ordinal) && candidate.IsGenericMethodDefinition && candidate.GetParameters().Length == parameterCount)
            {
                return candidate;
            }
        }

        throw new LambdaValidationException($"The serializer {type.FullName} has no generic {name} method.");
    }
}
