using System.Collections.Generic;
using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Generators;

/// <summary>
/// LAM0405: a <c>[JsonSerializable(typeof(T))]</c> on a user's <c>JsonSerializerContext</c> where <c>T</c> is (or holds
/// as a type argument or array element) a type the events generator writes. System.Text.Json's source generator runs on
/// the compilation without other generators' output, so it sees an unknown type and generates nothing for it; the
/// generated types come with their own resolver, which is combined with the context instead.
/// </summary>
// The compiler loads SymbolRulesAnalyzer, which runs this rule, rather than the rule itself.
#pragma warning disable RS1001 // No [DiagnosticAnalyzer] attribute: on purpose, see above.
public sealed class LAM0405GeneratedEventTypeInJsonContextAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.GeneratedEventTypeInJsonContext,
        title: "Generated event type listed in a JsonSerializerContext",
        messageFormat: "'{0}' is a generated event type, which System.Text.Json's source generator cannot see, so '{1}' gets no metadata for it; remove this [JsonSerializable] and combine the contexts: JsonTypeInfoResolver.Combine(LambdaEventsJsonResolver.Default, {1}.Default)",
        RuleCategories.Generators,
        DiagnosticSeverity.Warning,
        description: "Source generators run on the compilation as the user wrote it, so System.Text.Json's generator does not see the event types LambdaAnalyzers generates and a context that lists one has no metadata for it: using the type through the context throws. The generated types serialize through LambdaEventsJsonResolver (reflection-free, Native AOT ready); combine it with the context in the options, and the generated handler invokers use it directly.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var serializable = WellKnownTypes.Find(start.Compilation, "System.Text.Json.Serialization.JsonSerializableAttribute");
            var jsonContext = WellKnownTypes.Find(start.Compilation, "System.Text.Json.Serialization.JsonSerializerContext");
            if (serializable is null || jsonContext is null)
            {
                return;
            }

            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var type = (INamedTypeSymbol)symbolContext.Symbol;
                    if (!TypeChecks.InheritsFrom(type, jsonContext))
                    {
                        return;
                    }

                    foreach (var attribute in type.GetAttributes())
                    {
                        if (TypeChecks.Is(attribute.AttributeClass, serializable)
                            && attribute.ConstructorArguments.Length > 0
                            && attribute.ConstructorArguments[0].Value is ITypeSymbol listed
                            && FirstGenerated(listed, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default)) is { } generated
                            && attribute.ApplicationSyntaxReference is { } syntax)
                        {
                            symbolContext.ReportDiagnostic(Diagnostic.Create(
                                Rule,
                                syntax.GetSyntax(symbolContext.CancellationToken).GetLocation(),
                                generated.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                                type.Name));
                        }
                    }
                },
                SymbolKind.NamedType);
        });
    }

    /// <summary>The generated event type <paramref name="type"/> is, or holds as a type argument or array element.</summary>
    private static ITypeSymbol? FirstGenerated(ITypeSymbol type, HashSet<ITypeSymbol> seen)
    {
        if (!seen.Add(type) || type is IErrorTypeSymbol)
        {
            return null;
        }

        if (GeneratedEventTypes.Is(type))
        {
            return type;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                return FirstGenerated(array.ElementType, seen);
            case INamedTypeSymbol named:
                foreach (var argument in named.TypeArguments)
                {
                    if (FirstGenerated(argument, seen) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
