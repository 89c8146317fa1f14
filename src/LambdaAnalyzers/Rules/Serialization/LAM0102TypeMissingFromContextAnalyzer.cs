using System.Collections.Generic;
using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Serialization;

/// <summary>
/// LAM0102: with <c>SourceGeneratorLambdaJsonSerializer&lt;TContext&gt;</c>, a handler root type (or
/// a <c>[JsonDerivedType]</c> of one) that <c>TContext</c> generates no metadata for: neither listed
/// with <c>[JsonSerializable]</c> nor reached from a listed type. The first invoke throws.
/// </summary>
// The compiler loads SymbolRulesAnalyzer, which runs this rule, rather than the rule itself.
#pragma warning disable RS1001 // No [DiagnosticAnalyzer] attribute: on purpose, see above.
public sealed class LAM0102TypeMissingFromContextAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    /// <summary>Diagnostic property: the context's documentation ID.</summary>
    public const string ContextKey = "Context";

    /// <summary>Diagnostic property: the missing type's reference ID.</summary>
    public const string TypeKey = "Type";

    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.TypeMissingFromContext,
        title: "Handler type missing from the JsonSerializerContext",
        messageFormat: "Handler '{0}' {1} '{2}', which '{3}' does not list with [JsonSerializable]: the first invoke throws",
        RuleCategories.Serialization,
        DiagnosticSeverity.Error,
        description: "SourceGeneratorLambdaJsonSerializer<TContext> reads and writes only types TContext has generated metadata for: those listed with [JsonSerializable(typeof(T))] and the types they reach. A handler input or output type missing from it makes the first invoke throw, and under Native AOT there is no reflection to fall back on.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        SerializedHandlers.Register(context, (handler, report, cancellationToken) =>
        {
            if (handler.Serializer.Kind != SerializerKind.SystemTextJsonSourceGenerated
                || handler.Serializer.Context is not { } jsonContext
                || !IsInSource(jsonContext))
            {
                // A context from another assembly is not ours to edit, nor to second-guess.
                return;
            }

            var covered = handler.Model.CoveredBy(jsonContext, cancellationToken);
            var reported = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            Check(handler, jsonContext, handler.Input, "takes", covered, reported, report);
            Check(handler, jsonContext, handler.Output, "returns", covered, reported, report);
        });
    }

    private static void Check(
        SerializedHandler handler,
        INamedTypeSymbol jsonContext,
        ITypeSymbol? root,
        string verb,
        HashSet<ITypeSymbol> covered,
        HashSet<ITypeSymbol> reported,
        System.Action<Diagnostic> report)
    {
        if (root is null)
        {
            return;
        }

        if (GeneratedEventTypes.Is(root))
        {
            // Generated event types serialize through their own resolver and a context cannot list them (LAM0405);
            // the context supplies only a user type one carries, such as the T of CloudWatchEvent<T>.
            if (root is INamedTypeSymbol { IsGenericType: true } generic)
            {
                foreach (var argument in generic.TypeArguments)
                {
                    if (!IsJsonElement(argument))
                    {
                        Check(handler, jsonContext, argument, verb + " (in '" + root.ToDisplayString() + "')", covered, reported, report);
                    }
                }
            }

            return;
        }

        Missing(handler, jsonContext, root, verb, covered, reported, report);
        foreach (var derived in handler.Model.ShapeOf(root).DerivedTypes)
        {
            Missing(handler, jsonContext, derived, verb + " (as a [JsonDerivedType] of '" + root.ToDisplayString() + "')", covered, reported, report);
        }
    }

    private static void Missing(
        SerializedHandler handler,
        INamedTypeSymbol jsonContext,
        ITypeSymbol type,
        string verb,
        HashSet<ITypeSymbol> covered,
        HashSet<ITypeSymbol> reported,
        System.Action<Diagnostic> report)
    {
        if (SerializationTypes.IsUnbound(type) || covered.Contains(type) || !reported.Add(type) || DocumentationCommentId.CreateDeclarationId(jsonContext) is not { } contextId)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(ContextKey, contextId)
            .Add(TypeKey, DocumentationCommentId.CreateReferenceId(type));
        report(Diagnostic.Create(Rule, handler.Location, properties, handler.Name, verb, type.ToDisplayString(), jsonContext.ToDisplayString()));
    }

    private static bool IsJsonElement(ITypeSymbol type) =>
        type is { Name: "JsonElement", ContainingNamespace: { Name: "Json", ContainingNamespace: { Name: "Text", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    private static bool IsInSource(INamedTypeSymbol type)
    {
        foreach (var location in type.Locations)
        {
            if (location.IsInSource)
            {
                return true;
            }
        }

        return false;
    }
}
