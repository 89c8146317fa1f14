using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LambdaAnalyzers.CodeFixes.Shared;

/// <summary>
/// The shape several fixes share: each diagnostic is planned from the document's syntax and
/// semantic model, one code action is offered per diagnostic that has a plan, and the same
/// "apply these diagnostics to this document" step serves both the single fix and Fix All.
/// </summary>
internal static class BatchCodeFix
{
    /// <summary>Fixes the given diagnostics of one document together.</summary>
    public delegate Task<Document> Apply(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken);

    /// <summary>Whether a mechanical fix exists for one diagnostic.</summary>
    public delegate Task<bool> CanFix(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);

    public static FixAllProvider FixAll(Apply apply) =>
        FixAllProvider.Create(async (context, document, diagnostics) => (Document?)await apply(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public static async Task RegisterAsync(CodeFixContext context, string title, CanFix canFix, Apply apply)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!await canFix(context.Document, root, model, diagnostic, context.CancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(title, ct => apply(context.Document, ImmutableArray.Create(diagnostic), ct), equivalenceKey: title),
                diagnostic);
        }
    }

    /// <summary>A synchronous planning check as a <see cref="CanFix"/>.</summary>
    public static CanFix When(Func<SyntaxNode, SemanticModel, Diagnostic, CancellationToken, bool> hasPlan) =>
        (_, root, model, diagnostic, cancellationToken) => Task.FromResult(hasPlan(root, model, diagnostic, cancellationToken));
}
