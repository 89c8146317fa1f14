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
/// LAM0203: <c>Task.Run(…);</c>, <c>_ = SendAsync(…);</c> and <c>SendAsync(…).Forget();</c> become
/// <c>await …;</c>, making the enclosing method <c>async</c> where that is safe (<see cref="AwaitRewrite"/>).
/// A task kept in a local nobody reads, and a task handed to a helper with more arguments than the task
/// (<c>task.SafeFireAndForget(onError)</c>: awaiting would drop what the others say), are left to a human.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LAM0203FireAndForgetTaskCodeFix))]
[Shared]
public sealed class LAM0203FireAndForgetTaskCodeFix : AwaitCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.FireAndForgetTask);

    private protected override AwaitEdit? Plan(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
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
            case MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Parent: ExpressionStatementSyntax } helper } access
                when access.Expression == task:
                // task.Forget(); — the analyzer reports a task here only when the call lets it go.
                return new AwaitEdit(helper, SyntaxFactory.AwaitExpression(task.WithoutTrivia()));
            case ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax { Parent: ExpressionStatementSyntax } helper } }:
                // Forget(task);
                return new AwaitEdit(helper, SyntaxFactory.AwaitExpression(task.WithoutTrivia()));
            default:
                return null;
        }
    }
}
