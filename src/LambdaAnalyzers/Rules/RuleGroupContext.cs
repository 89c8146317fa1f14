using System;
using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules;

/// <summary>
/// What one rule of a <see cref="RuleGroupAnalyzer"/> registers, passed on to the group's own context, so
/// that the analyzer driver sees one analyzer. Two differences from registering directly: the rule's
/// compilation-start and compilation actions run only where <see cref="RuleSwitch.MayReport"/> says one of
/// its diagnostics may be reported (the driver would otherwise have skipped the rule's own analyzer), and a
/// rule asking for another generated-code setting than the group's fails at once instead of being run with
/// the wrong one.
/// </summary>
internal sealed class RuleGroupContext : AnalysisContext
{
    private readonly AnalysisContext _group;
    private readonly DiagnosticAnalyzer _rule;
    private readonly GeneratedCodeAnalysisFlags _groupFlags;

    public RuleGroupContext(AnalysisContext group, DiagnosticAnalyzer rule, GeneratedCodeAnalysisFlags groupFlags)
    {
        _group = group;
        _rule = rule;
        _groupFlags = groupFlags;
    }

    public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
    {
        if (analysisMode != _groupFlags)
        {
            throw new InvalidOperationException($"{_rule.GetType().Name} asks for generated-code analysis '{analysisMode}', its group runs with '{_groupFlags}'.");
        }
    }

    // The group enables concurrent execution for all its rules.
    public override void EnableConcurrentExecution()
    {
    }

    public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
        _group.RegisterCompilationStartAction(start =>
        {
            if (MayReport(start.Compilation, start.CancellationToken))
            {
                action(start);
            }
        });

    public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) =>
        _group.RegisterCompilationAction(context =>
        {
            if (MayReport(context.Compilation, context.CancellationToken))
            {
                action(context);
            }
        });

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _group.RegisterSemanticModelAction(action);

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => _group.RegisterSymbolAction(action, symbolKinds);

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => _group.RegisterSymbolStartAction(action, symbolKind);

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => _group.RegisterCodeBlockStartAction(action);

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _group.RegisterCodeBlockAction(action);

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _group.RegisterSyntaxTreeAction(action);

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => _group.RegisterAdditionalFileAction(action);

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => _group.RegisterSyntaxNodeAction(action, syntaxKinds);

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => _group.RegisterOperationAction(action, operationKinds);

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => _group.RegisterOperationBlockStartAction(action);

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _group.RegisterOperationBlockAction(action);

    private bool MayReport(Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var descriptor in _rule.SupportedDiagnostics)
        {
            if (RuleSwitch.MayReport(descriptor, compilation, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}
