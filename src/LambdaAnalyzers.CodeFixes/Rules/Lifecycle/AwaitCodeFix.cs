using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LambdaAnalyzers.CodeFixes.Rules.Lifecycle;

/// <summary>
/// A fix that awaits a task instead of dropping or blocking on it (LAM0203, LAM0204): each rule
/// says which node becomes which <c>await</c>; <see cref="AwaitRewrite"/> applies the edits and
/// makes the enclosing functions <c>async</c>. Offered only where that is possible.
/// </summary>
public abstract class AwaitCodeFix : CodeFixProvider
{
    public const string Title = "Await the task";

    private protected AwaitCodeFix()
    {
    }

    public sealed override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => (Document?)await AwaitRewrite.ApplyAsync(document, diagnostics, Plan, context.CancellationToken).ConfigureAwait(false));

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(root, model, diagnostic, context.CancellationToken) is not { } edit
                || !await AwaitRewrite.CanApplyAsync(context.Document, edit.Target, model, context.CancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => AwaitRewrite.ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), Plan, ct), equivalenceKey: Title),
                diagnostic);
        }
    }

    /// <summary>The edit for the reported <paramref name="node"/>, or null when no mechanical fix exists.</summary>
    private protected abstract AwaitEdit? Plan(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken);

    private AwaitEdit? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        // A finding in a helper is reported at the call that reaches it: nothing to await there.
        if (diagnostic.AdditionalLocations.Count > 0)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return Plan(node, model, cancellationToken);
    }
}
