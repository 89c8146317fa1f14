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
/// LAM0204: <c>t.Result</c> → <c>(await t)</c>, <c>t.Wait();</c> → <c>await t;</c>,
/// <c>t.GetAwaiter().GetResult()</c> → <c>await t</c>, making the enclosing method <c>async</c>
/// where that is safe (<see cref="AwaitRewrite"/>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LAM0204SyncOverAsyncCodeFix))]
[Shared]
public sealed class LAM0204SyncOverAsyncCodeFix : CodeFixProvider
{
    public const string Title = "Await the task";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.SyncOverAsync);

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
        switch (node)
        {
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result:
                return new AwaitEdit(result, AwaitRewrite.Await(result.Expression));
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait, ArgumentList.Arguments.Count: 0 } invocation
                when invocation.Parent is ExpressionStatementSyntax or ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax or LocalFunctionStatementSyntax }:
                return new AwaitEdit(invocation, SyntaxFactory.AwaitExpression(wait.Expression.WithoutTrivia()));
            case InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax
                {
                    Name.Identifier.ValueText: "GetResult",
                    Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter },
                },
            } getResult:
                return new AwaitEdit(getResult, AwaitRewrite.Await(getAwaiter.Expression));
            default:
                return null;
        }
    }
}
