using System.Collections.Immutable;
using LambdaAnalyzers.ConfigFiles;
using LambdaAnalyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Deployment;

/// <summary>
/// LAM0303: a Lambda config file that is not valid JSON, YAML or HCL. The deployment tools reject it, and
/// until it is fixed no other rule can see the functions it declares. Reported once per file, at
/// the first character that cannot be read.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LAM0303MalformedConfigFileAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.MalformedConfigFile,
        title: "Lambda config file cannot be read",
        messageFormat: "'{0}' is not valid {1}: {2}",
        RuleCategories.Deployment,
        DiagnosticSeverity.Error,
        description: "aws-lambda-tools-defaults.json, serverless.template, template.yaml, serverless.yml and Terraform .tf files are read by the deployment tools and by these analyzers. A file that is not valid JSON, YAML or HCL fails the deployment, and the handler and deployment checks cannot see the functions it declares.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ConfigFileAnalysis.Register(context, Analyze);
    }

    private static void Analyze(ConfigFileAnalysisContext context)
    {
        if (context.File.Error is { } error)
        {
            context.Report(Rule, error.Location, ConfigPaths.FileName(error.FilePath), LambdaConfigFiles.LanguageOf(context.File.Kind), error.Message);
        }
    }
}
