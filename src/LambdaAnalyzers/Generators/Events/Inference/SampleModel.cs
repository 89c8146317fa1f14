namespace LambdaAnalyzers.Generators.Events.Inference;

internal enum SampleKind
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>One JSON value of a sample event, with its place in the file: an equatable copy of the parsed document.</summary>
/// <param name="Text">A string's value, a number as written, <c>true</c>/<c>false</c>; null otherwise.</param>
internal sealed record SampleNode(SampleKind Kind, string? Text, EquatableArray<SampleMember> Members, EquatableArray<SampleNode> Items, LocationInfo Location);

internal sealed record SampleMember(string Name, SampleNode Value);

/// <summary>One sample event file: the type it describes and its JSON, or why it could not be read.</summary>
internal sealed record SampleFile(string Path, string TypeName, SampleNode? Root, GeneratorProblem? Error)
{
    public string FileName => System.IO.Path.GetFileName(Path);
}

/// <summary>The samples of one <c>LambdaEventType</c>, and every type name given, so nested names avoid them.</summary>
internal sealed record SampleGroup(string TypeName, EquatableArray<SampleFile> Files, EquatableArray<string> RootNames);

/// <summary>The classes inferred for one <c>LambdaEventType</c> and the problems found on the way.</summary>
internal sealed record InferredResult(string TypeName, string? Namespace, EquatableArray<EventType> Types, EquatableArray<GeneratorProblem> Problems);
