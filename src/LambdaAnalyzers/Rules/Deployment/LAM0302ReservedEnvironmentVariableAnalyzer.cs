using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Platform;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Deployment;

/// <summary>
/// LAM0302: a reserved environment variable (<c>AWS_REGION</c>, <c>_HANDLER</c>, <c>LAMBDA_TASK_ROOT</c>, ...)
/// set in a function's configuration. Lambda sets these itself and rejects a configuration that
/// sets them, so the deployment fails.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LAM0302ReservedEnvironmentVariableAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.ReservedEnvironmentVariableConfigured,
        title: "Reserved environment variable set in the function's configuration",
        messageFormat: "'{0}' is reserved by Lambda; a function's configuration cannot set it",
        RuleCategories.Deployment,
        DiagnosticSeverity.Warning,
        description: "Lambda defines a set of reserved environment variables itself (the region, the handler, the function name and memory, the execution role's credentials, the task root, ...) and rejects a function configuration that sets any of them. Remove the variable, or give your setting a name of its own.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ConfigFileAnalysis.Register(context, Analyze);
    }

    private static void Analyze(ConfigFileAnalysisContext context)
    {
        foreach (var function in context.FunctionsOfThisProject())
        {
            foreach (var variable in function.EnvironmentVariables)
            {
                if (!variable.Name.IsIntrinsic && ReservedEnvironmentVariables.IsReserved(variable.Name.Value))
                {
                    context.Report(Rule, variable.Name.Location, variable.Name.Value);
                }
            }
        }
    }
}
