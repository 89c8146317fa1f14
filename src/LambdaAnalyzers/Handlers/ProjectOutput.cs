using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Handlers;

/// <summary>What the project builds, as the rules and generators need to know it.</summary>
internal static class ProjectOutput
{
    /// <summary>
    /// The project is an executable (its own <c>Main</c> talks to the Runtime API: custom runtimes, Native AOT,
    /// <c>dotnet8</c> with an executable assembly), not a class library the managed runtime loads.
    /// </summary>
    public static bool IsExecutable(Compilation compilation) =>
        compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication;
}
