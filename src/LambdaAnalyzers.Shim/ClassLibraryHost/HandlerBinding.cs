using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.ClassLibraryHost;

/// <summary>The managed runtime's validation failure.</summary>
internal sealed class LambdaValidationException : Exception
{
    public LambdaValidationException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// A class-library handler string bound as the managed .NET runtime binds it during Init (docs/platform/handlers.md,
/// "Parsing a class-library handler string" and "Accepted and rejected handlers"): the method, the instance it runs on,
/// the serializer and how its parameters and result map to the payload. Reflection only, so tests bind the handler
/// shapes of tests/Shared/HandlerShapes without starting a function.
/// </summary>
internal sealed class HandlerBinding
{
    private const string ContextTypeName = "Amazon.Lambda.Core.ILambdaContext";
    private const string SerializerAttributeName = "Amazon.Lambda.Core.LambdaSerializerAttribute";

    private HandlerBinding(MethodInfo method, object? target, object? serializer, Type? inputType, bool takesContext, Type? contextType, Type outputType)
    {
        Method = method;
        Target = target;
        Serializer = serializer;
        InputType = inputType;
        TakesContext = takesContext;
        ContextType = contextType;
        OutputType = outputType;
    }

    public MethodInfo Method { get; }

    /// <summary>The one instance an instance handler runs on, created during Init; null for a static handler.</summary>
    public object? Target { get; }

    /// <summary>The <c>[LambdaSerializer]</c> instance; null when neither the input nor the output needs one.</summary>
    public object? Serializer { get; }

    /// <summary>The event type; null for none.</summary>
    public Type? InputType { get; }

    public bool TakesContext { get; }

    /// <summary>The function's own <c>ILambdaContext</c> interface, when the handler takes it.</summary>
    public Type? ContextType { get; }

    /// <summary>The type written to the response: <c>void</c> for none, <c>T</c> of <c>Task&lt;T&gt;</c>, else the return type.</summary>
    public Type OutputType { get; }

    /// <summary>Binds <paramref name="handler"/> (<c>ASSEMBLY::TYPE::METHOD</c>) or throws what fails Init.</summary>
    public static HandlerBinding Bind(string handler)
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
            var context = AssemblyLoadContext.GetLoadContext(typeof(HandlerBinding).Assembly) ?? AssemblyLoadContext.Default;
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
        Validate(method);

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

        return new HandlerBinding(method, target, serializer, inputType, takesContext, contextType, outputType);
    }

    /// <summary>A <c>Task</c> has no result; a <c>Task&lt;T&gt;</c> (or a subclass) yields <c>T</c>; anything else, <c>ValueTask</c> included, is the value.</summary>
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

    private static void Validate(MethodInfo method)
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
