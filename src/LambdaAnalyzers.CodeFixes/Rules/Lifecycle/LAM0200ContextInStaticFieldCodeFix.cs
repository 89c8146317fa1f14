using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using LambdaAnalyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LambdaAnalyzers.CodeFixes.Rules.Lifecycle;

/// <summary>
/// LAM0200: the invoke's context stored in a static field or property is passed to the helpers that read it instead, where that is mechanical
/// (<see cref="ContextFieldRewrite"/>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LAM0200ContextInStaticFieldCodeFix))]
[Shared]
public sealed class LAM0200ContextInStaticFieldCodeFix : CodeFixProvider
{
    public const string Title = ContextFieldRewrite.Title;

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ContextInStaticField);

    public override FixAllProvider GetFixAllProvider() => ContextFieldRewrite.FixAll;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) => ContextFieldRewrite.RegisterAsync(context);
}
