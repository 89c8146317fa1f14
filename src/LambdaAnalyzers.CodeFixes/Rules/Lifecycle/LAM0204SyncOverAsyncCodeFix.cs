using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using LambdaAnalyzers.Diagnostics;
using Microsoft.CodeAnalysis;
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
public sealed class LAM0204SyncOverAsyncCodeFix : AwaitCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.SyncOverAsync);

    private protected override AwaitEdit? Plan(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
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
