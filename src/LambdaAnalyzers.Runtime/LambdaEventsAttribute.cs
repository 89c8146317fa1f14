using System;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// Generates the event model types of the given AWS event sources into this project, with their own reflection-free
/// serialization (<c>LambdaEventsJsonResolver</c>). Only the sources named here are generated. Projects without
/// LambdaAnalyzers.Runtime opt in with the MSBuild item <c>&lt;LambdaEventSource Include="Sqs;HttpApi" /&gt;</c> instead.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class LambdaEventsAttribute : Attribute
{
    /// <summary>Generates the types of <paramref name="sources"/>.</summary>
    /// <param name="sources">The event sources, combined with <c>|</c>.</param>
    public LambdaEventsAttribute(LambdaEventSources sources) => Sources = sources;

    /// <summary>The event sources whose types are generated.</summary>
    public LambdaEventSources Sources { get; }

    /// <summary>The namespace of the generated types; <c>LambdaAnalyzers.Events</c> when not set.</summary>
    public string? Namespace { get; set; }
}
