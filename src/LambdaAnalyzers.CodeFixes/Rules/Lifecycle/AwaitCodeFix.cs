using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.CodeFixes.Shared;
using Microsoft.CodeAnalysis;
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

    public sealed override FixAllProvider GetFixAllProvider() => BatchCodeFix.FixAll(ApplyAsync);

    public sealed override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        BatchCodeFix.RegisterAsync(context, Title, CanFixAsync, ApplyAsync);

    private Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken) =>
        AwaitRewrite.ApplyAsync(document, diagnostics, Plan, cancellationToken);

    private async Task<bool> CanFixAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        Plan(root, model, diagnostic, cancellationToken) is { } edit
        && await AwaitRewrite.CanApplyAsync(document, edit.Target, model, cancellationToken).ConfigureAwait(false);

    /// <summary>The edit for the reported <paramref name="node"/>, or null when no mechanical fix exists.</summary>
    private protected abstract AwaitEdit? Plan(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken);

    private AwaitEdit? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return Plan(node, model, cancellationToken);
    }
}
