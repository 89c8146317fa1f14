using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Generators;

/// <summary>
/// LAM0401: two <c>[LambdaHandler]</c> methods of a project share a handler name, or have names that map to
/// the same generated class (<c>place-order</c> and <c>PlaceOrder</c> both become <c>LambdaHandlers.PlaceOrder</c>).
/// <c>_HANDLER</c> could select only one of them; the generator wires the first by name and leaves the others out.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LAM0401DuplicateHandlerNameAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.DuplicateHandlerName,
        title: "Two [LambdaHandler] methods share a handler name",
        messageFormat: "Handler '{0}' of '{1}' gets the same generated class LambdaHandlers.{4} as handler '{2}' of '{3}', which is wired instead; give one of them another name with [LambdaHandler(\"name\")]",
        RuleCategories.Generators,
        DiagnosticSeverity.Error,
        description: "Each [LambdaHandler] gets a name (the attribute's argument, else the method name), which _HANDLER selects it by, and a generated class LambdaHandlers.<Name> whose identifier drops the characters C# does not allow. Two handlers with one name, or with names that make the same identifier, cannot both be selected: the generator wires the first (in ordinal order of the containing type and method) and reports the others here.",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        // Generated code is read (a [LambdaHandler] there is wired too) but reported on as the driver decides.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // Only the [LambdaHandler] methods matter: each method is looked at as the driver declares it,
            // and the names are compared once at the end, with no walk of the whole assembly.
            if (!LambdaProject.CanHoldHandlers(start.Compilation, start.Options, start.CancellationToken)
                || LambdaTypes.From(start.Compilation).LambdaHandlerAttribute is not { } attribute)
            {
                return;
            }

            var found = new ConcurrentBag<GeneratedHandler>();
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    if (GeneratedHandler.Of((IMethodSymbol)symbolContext.Symbol, attribute) is { } handler)
                    {
                        found.Add(handler);
                    }
                },
                SymbolKind.Method);
            start.RegisterCompilationEndAction(end => Report(end, found));
        });
    }

    private static void Report(CompilationAnalysisContext end, ConcurrentBag<GeneratedHandler> found)
    {
        var clashes = found
            .Select(static h => new NamedHandler(h.Name, GeneratedHandlerName.Identifier(h.Name), GeneratedHandlerName.OrderKey(h.Method), h.Method))
            .GroupBy(static h => h.ClassName)
            .Where(static g => g.Count() > 1);
        foreach (var clash in clashes)
        {
            var ordered = clash.OrderBy(static h => h.OrderKey, StringComparer.Ordinal).ToArray();
            var wired = ordered[0];
            foreach (var other in ordered.Skip(1))
            {
                if (other.Method.Locations.FirstOrDefault(static l => l.IsInSource) is { } location)
                {
                    end.ReportDiagnostic(Diagnostic.Create(Rule, location, other.Name, Display(other.Method), wired.Name, Display(wired.Method), wired.ClassName));
                }
            }
        }
    }

    private static string Display(IMethodSymbol method) => method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);

    private sealed record NamedHandler(string Name, string ClassName, string OrderKey, IMethodSymbol Method);
}
