using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Rules.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LambdaAnalyzers.CodeFixes.Rules.Handlers;

/// <summary>LAM0001: replaces the handler string in the configuration file with the closest existing handler.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LAM0001UnknownHandlerCodeFix))]
[Shared]
public sealed class LAM0001UnknownHandlerCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UnknownHandler);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(LAM0001UnknownHandlerAnalyzer.SuggestionProperty, out var suggestion) && suggestion is { Length: > 0 })
            {
                var title = $"Use '{suggestion}'";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        ct => ConfigFileValueEdit.ReplaceAsync(context.TextDocument, diagnostic.Location.SourceSpan, suggestion, ct),
                        equivalenceKey: nameof(LAM0001UnknownHandlerCodeFix)),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }
}
