using System.Collections.Immutable;
using LambdaAnalyzers.Configuration;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Platform;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Deployment;

/// <summary>
/// LAM0304: a function of this project names a .NET runtime Lambda refuses: a retired .NET Core runtime
/// (<c>dotnetcore3.1</c>: no function can be created or updated on it), or an identifier Lambda never had
/// (<c>dotnet9</c>, <c>dotnet8.0</c>, <c>net8.0</c>). The deployment fails whatever the code. LAM0300 says nothing about
/// such a runtime: one root cause, one diagnostic.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LAM0304RuntimeNotOfferedAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.RuntimeNotOffered,
        title: "Function runtime is not one Lambda offers",
        messageFormat: "Runtime '{0}' {1}",
        RuleCategories.Deployment,
        DiagnosticSeverity.Warning,
        description: "Lambda's managed .NET runtimes are dotnet8 and dotnet10 (dotnet6 is deprecated). The .NET Core runtimes (dotnetcore1.0 to dotnetcore3.1) are retired: functions can no longer be created or updated on them. Releases without long-term support (.NET 5, 7, 9) never had a managed runtime: they run as container images or on provided.al2023. A template that names any of these fails when it is deployed.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ConfigFileAnalysis.Register(context, Analyze);
    }

    private static void Analyze(ConfigFileAnalysisContext context)
    {
        foreach (var (_, runtime) in context.RuntimesOfThisProject())
        {
            var name = runtime.Value.Trim();
            if (LambdaRuntimes.Refusal(name) is { } refusal)
            {
                context.Report(Rule, runtime.Location, name, LambdaRuntimes.Explain(name, refusal));
            }
        }
    }
}
