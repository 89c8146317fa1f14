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
/// LAM0203: <c>Task.Run(…);</c> and <c>_ = SendAsync(…);</c> become <c>await …;</c>, making the
/// enclosing method <c>async</c> where that is safe (<see cref="AwaitRewrite"/>). A task kept in
/// a local nobody reads is left to a human.
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
            default:
                return null;
        }
    }
}
