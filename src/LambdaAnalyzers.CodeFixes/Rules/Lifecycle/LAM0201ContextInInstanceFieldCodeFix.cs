using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using LambdaAnalyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LambdaAnalyzers.CodeFixes.Rules.Lifecycle;

/// <summary>
/// LAM0201: the invoke's context stored in an instance field or property of the reused handler object is passed to the helpers that read it instead, where that is mechanical
/// (<see cref="ContextFieldRewrite"/>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LAM0201ContextInInstanceFieldCodeFix))]
[Shared]
public sealed class LAM0201ContextInInstanceFieldCodeFix : CodeFixProvider
{
    public const string Title = ContextFieldRewrite.Title;

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ContextInInstanceField);

    public override FixAllProvider GetFixAllProvider() => ContextFieldRewrite.FixAll;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) => ContextFieldRewrite.RegisterAsync(context);
}
