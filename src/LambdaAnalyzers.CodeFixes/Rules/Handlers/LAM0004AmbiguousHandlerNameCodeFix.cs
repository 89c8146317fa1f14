using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Rules.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LambdaAnalyzers.CodeFixes.Rules.Handlers;

/// <summary>
/// LAM0004: writes the full signature of one of the methods sharing the name into the handler
/// string, one code action per candidate so the user picks the method they meant.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LAM0004AmbiguousHandlerNameCodeFix))]
[Shared]
public sealed class LAM0004AmbiguousHandlerNameCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.AmbiguousHandlerName);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(LAM0004AmbiguousHandlerNameAnalyzer.CandidatesProperty, out var candidates) || candidates is null)
            {
                continue;
            }

            foreach (var candidate in candidates.Split('\n'))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use '{candidate}'",
                        ct => ConfigFileValueEdit.ReplaceAsync(context.TextDocument, diagnostic.Location.SourceSpan, candidate, ct),
                        equivalenceKey: candidate),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }
}
