using LambdaAnalyzers.Diagnostics;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Generators;

/// <summary>Input errors the generators report (04xx): problems with what the user asked them to generate.</summary>
internal static partial class GeneratorDiagnostics
{
    public static readonly DiagnosticDescriptor HandlerNotWired = RuleDescriptor.Create(
        RuleIds.HandlerNotWired,
        title: "[LambdaHandler] method cannot be wired",
        messageFormat: "No wiring is generated for handler '{0}': {1}",
        RuleCategories.Generators,
        DiagnosticSeverity.Warning,
        description: "The handler wiring generator writes an invoker, a handler string and, in executables, the bootstrap Main for each [LambdaHandler] method. A method whose shape no Lambda runtime can call, or whose input or output needs a serializer that is not declared, gets none; without this warning it would simply be missing from the deployed function.");
}
