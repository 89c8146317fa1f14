using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
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

/// <summary>The managed runtime's validation failure.</summary>
internal sealed class LambdaValidationException : Exception
{
    public LambdaValidationException(string message)
        : base(message)
    {
    }
}

/// <summary>A resolved handler: target, parameter/return mapping and serializer.</summary>
internal sealed class HandlerInvoker
{
    private const string ContextTypeName = "Amazon.Lambda.Core.ILambdaContext";
    private const string SerializerAttributeName = "Amazon.Lambda.Core.LambdaSerializerAttribute";

    private readonly MethodInfo _method;
    private readonly object? _target;
    private readonly object? _serializer;
    private readonly Type? _inputType;
    private readonly bool _takesContext;
    private readonly Type? _contextType;
    private readonly Type _outputType;

    private HandlerInvoker(MethodInfo method, object? target, object? serializer, Type? inputType, bool takesContext, Type? contextType, Type outputType)
    {
        _method = method;
        _target = target;
        _serializer = serializer;
        _inputType = inputType;
        _takesContext = takesContext;
        _contextType = contextType;
        _outputType = outputType;
    }

    public static HandlerInvoker Create(string handler)
    {
        var parts = handler.Split("::");
        if (parts.Length != 3 || parts.Any(p => p.Trim().Length == 0))
        {
            throw new LambdaValidationException($"Invalid lambda function handler: '{handler}'. The valid format is 'ASSEMBLY::TYPE::METHOD'.");
        }

        var assemblyName = parts[0].Trim();
        var typeName = parts[1].Trim();
        var methodName = parts[2].Trim();
        Assembly assembly;
        try
        {
            // The default context out of process; the function's collectible context when the shim runs it in process.
            var context = AssemblyLoadContext.GetLoadContext(typeof(HandlerInvoker).Assembly) ?? AssemblyLoadContext.Default;
            assembly = context.LoadFromAssemblyName(new AssemblyName(assemblyName));
        }
        catch (FileNotFoundException)
        {
            throw new LambdaValidationException($"Could not find the specified handler assembly with the file name '{assemblyName}'. The assembly should be located in the root of your uploaded .zip file.");
        }

        var type = assembly.GetType(typeName) ?? throw new LambdaValidationException($"Unable to load type '{typeName}' from assembly '{assemblyName}'.");
        if (type.IsGenericTypeDefinition)
        {
            throw new LambdaValidationException($"Handler type '{typeName}' is generic; generic types are not supported.");
        }

        if (type.IsInterface || type.IsEnum || type.IsPrimitive)
        {
            throw new LambdaValidationException($"Handler type '{typeName}' must be a class or a struct.");
        }

        var method = FindMethod(type, methodName);
        Validate(type, method);

        var parameters = method.GetParameters();
        Type? inputType = null;
        var takesContext = false;
        Type? contextType = null;
        if (parameters.Length == 2)
        {
            inputType = parameters[0].ParameterType;
            contextType = parameters[1].ParameterType;
            if (contextType.FullName != ContextTypeName)
            {
                throw new LambdaValidationException($"Handler '{handler}' has two parameters; the second must be {ContextTypeName}.");
            }

            takesContext = true;
        }
        else if (parameters.Length == 1)
        {
            if (parameters[0].ParameterType.FullName == ContextTypeName)
            {
                takesContext = true;
                contextType = parameters[0].ParameterType;
            }
            else
            {
                inputType = parameters[0].ParameterType;
            }
        }

        var outputType = UnwrapTask(method.ReturnType);
        var needsSerializer = (inputType is not null && inputType != typeof(Stream)) || (outputType != typeof(void) && !typeof(Stream).IsAssignableFrom(outputType));
        object? serializer = null;
        if (needsSerializer)
        {
            var serializerType = FindSerializerType(method) ?? throw new LambdaValidationException(
                $"To use types other than System.IO.Stream as input/output parameters, the assembly or Lambda function should be annotated with {SerializerAttributeName}.");
            serializer = Activator.CreateInstance(serializerType);
        }

        object? target = null;
        if (method.IsStatic)
        {
            RuntimeHelpers.RunClassConstructor(type.TypeHandle);
        }
        else
        {
            if (type.IsAbstract)
            {
                throw new LambdaValidationException($"Handler type '{typeName}' is abstract and the handler method is not static.");
            }

            target = Activator.CreateInstance(type);
        }

        return new HandlerInvoker(method, target, serializer, inputType, takesContext, contextType, outputType);
    }

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

    private static Type UnwrapTask(Type returnType)
    {
        if (returnType == typeof(Task))
        {
            return typeof(void);
        }

        for (var t = returnType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Task<>))
            {
                return t.GetGenericArguments()[0];
            }
        }

        return returnType;
    }

    /// <summary>By plain name first (walking up base types, any accessibility), then by the exact <c>MethodInfo.ToString()</c> signature.</summary>
    private static MethodInfo FindMethod(Type type, string name)
    {
        const BindingFlags flags = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        for (var t = type; t is not null; t = t.BaseType)
        {
            var byName = t.GetMethods(flags).Where(m => m.Name == name).ToArray();
            if (byName.Length == 1)
            {
                return byName[0];
            }

            if (byName.Length > 1)
            {
                throw new LambdaValidationException(
                    $"The method '{name}' in type '{type.FullName}' is overloaded; name the handler by its full signature. Candidates: {string.Join(", ", byName.Select(m => m.ToString()))}");
            }

            var bySignature = t.GetMethods(flags).FirstOrDefault(m => m.ToString() == name);
            if (bySignature is not null)
            {
                return bySignature;
            }
        }

        throw new LambdaValidationException($"Unable to find method '{name}' in type '{type.FullName}'.");
    }

    private static void Validate(Type type, MethodInfo method)
    {
        if (method.IsAbstract)
        {
            throw new LambdaValidationException($"Handler method '{method.Name}' is abstract.");
        }

        if (method.IsGenericMethodDefinition)
        {
            throw new LambdaValidationException($"Handler method '{method.Name}' is generic; generic methods are not supported.");
        }

        var parameters = method.GetParameters();
        if (parameters.Length > 2)
        {
            throw new LambdaValidationException($"Handler method '{method.Name}' has {parameters.Length} parameters; at most two are supported.");
        }

        if (parameters.Any(p => p.GetCustomAttributesData().Any(a => a.AttributeType == typeof(ParamArrayAttribute))) || method.CallingConvention.HasFlag(CallingConventions.VarArgs))
        {
            throw new LambdaValidationException($"Handler method '{method.Name}' uses params or varargs, which are not supported.");
        }

        if (method.ReturnType == typeof(void) && method.GetCustomAttribute<AsyncStateMachineAttribute>() is not null)
        {
            throw new LambdaValidationException($"Handler method '{method.Name}' is 'async void'; return Task instead.");
        }

        _ = type;
    }

    private static Type? FindSerializerType(MethodInfo method)
    {
        static Type? From(IEnumerable<CustomAttributeData> attributes) =>
            attributes.Where(a => a.AttributeType.FullName == SerializerAttributeName)
                .Select(a => a.ConstructorArguments.Count == 1 ? a.ConstructorArguments[0].Value as Type : null)
                .FirstOrDefault(t => t is not null);

        return From(method.GetCustomAttributesData()) ?? From(method.DeclaringType!.Assembly.GetCustomAttributesData());
    }
}
