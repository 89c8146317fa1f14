using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers.CodeFixes.Rules.Lifecycle;

/// <summary>
/// LAM0203: <c>Task.Run(…);</c> and <c>_ = SendAsync(…);</c> become <c>await …;</c>, making the
/// enclosing method <c>async</c> where that is safe (<see cref="AwaitRewrite"/>). A task kept in
/// a local nobody reads is left to a human.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LAM0203FireAndForgetTaskCodeFix))]
[Shared]
public sealed class LAM0203FireAndForgetTaskCodeFix : CodeFixProvider
{
    public const string Title = "Await the task";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.FireAndForgetTask);

    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => (Document?)await AwaitRewrite.ApplyAsync(document, diagnostics, Plan, context.CancellationToken).ConfigureAwait(false));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
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

    private static AwaitEdit? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.AdditionalLocations.Count > 0)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node is not InvocationExpressionSyntax task)
        {
            return null;
        }

        switch (task.Parent)
        {
            case ExpressionStatementSyntax:
                return new AwaitEdit(task, SyntaxFactory.AwaitExpression(task.WithoutTrivia()));
            case AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } discard, Parent: ExpressionStatementSyntax } assignment
                when model.GetSymbolInfo(discard, cancellationToken).Symbol is null or IDiscardSymbol:
                return new AwaitEdit(assignment, SyntaxFactory.AwaitExpression(task.WithoutTrivia()));
            default:
                return null;
        }
    }
}
