using System;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// Marks a method as an AWS Lambda handler. LambdaAnalyzers generates, per handler, a constant with
/// its handler string, a typed invoker (deserialize, call, serialize) and, for executable projects
/// without a <c>Main</c> of their own, a bootstrap <c>Main</c> that runs it through the Lambda
/// Runtime API.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class LambdaHandlerAttribute : Attribute
{
    /// <summary>Marks the method as a handler named after the method.</summary>
    public LambdaHandlerAttribute()
    {
    }

    /// <summary>Marks the method as a handler with an explicit name, the value <c>_HANDLER</c> selects it by.</summary>
    /// <param name="name">The handler name; unique in the project.</param>
    public LambdaHandlerAttribute(string name) => Name = name;

    /// <summary>The handler name given to the attribute, or null when it is the method's name.</summary>
    public string? Name { get; }

    /// <summary>
    /// Streams the handler's <see cref="System.IO.Stream"/> result to the caller as it is read, instead of sending it
    /// whole after the handler returns (<see cref="LambdaRuntime.RunStreamingAsync"/>). Only for handlers returning a
    /// stream, in executables whose generated <c>Main</c> runs them; invoke them with <c>InvokeWithResponseStream</c>
    /// or a function URL whose invoke mode is <c>RESPONSE_STREAM</c>.
    /// </summary>
    public bool ResponseStreaming { get; set; }
}
