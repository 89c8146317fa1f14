using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Lifecycle;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// LAM0202: an expensive, reusable object (<see cref="ExpensiveTypes"/>, plus
/// <c>IConfigurationBuilder.Build()</c>) created on the invoke path and not kept for the next
/// invoke. Creation in Init code, lazy initialisation (<c>_s3 ??= new …</c>, a null-checked
/// assignment, <c>Lazy&lt;T&gt;</c>, cache factories) and factory calls such as
/// <c>IHttpClientFactory.CreateClient</c> are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LAM0202ClientCreatedPerInvokeAnalyzer : LifecycleAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.ClientCreatedPerInvoke,
        title: "Reusable client is created on every invoke",
        messageFormat: "A new {0} is created on every invoke; create it once (static readonly field or constructor) and reuse it",
        RuleCategories.Lifecycle,
        DiagnosticSeverity.Warning,
        description: "AWS SDK clients, HttpClient, JsonSerializerOptions and built configurations are expensive to create and made to be reused: they hold connection pools, credentials and caches. Lambda reuses the execution environment, so an object created once during Init serves every invoke; one created per invoke repeats the set-up cost, adds latency and can exhaust sockets. Extend the list with lambda_analyzers.expensive_types in .editorconfig.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    private protected override void Analyze(LifecycleCompilation compilation, TypeLifecycle lifecycle, LifecycleReporter reporter)
    {
        foreach (var code in lifecycle.InvokePath)
        {
            foreach (var operation in code.Operations())
            {
                if (Describe(operation, compilation) is { } name && !ReuseAnalysis.IsKept(operation, code, compilation.Types))
                {
                    reporter.Report(Rule, operation, code, name);
                }
            }
        }
    }

    /// <summary>The name of what <paramref name="operation"/> creates, when it creates an expensive object.</summary>
    internal static string? Describe(IOperation operation, LifecycleCompilation compilation)
    {
        switch (operation)
        {
            case IObjectCreationOperation creation when compilation.Expensive.Match(creation.Type, creation.Syntax.SyntaxTree) is not null:
                return creation.Type!.Name;
            case IInvocationOperation { TargetMethod.Name: "Build", Arguments.Length: 0, Instance: { } builder } build
                when compilation.Types.IConfigurationBuilder is { } configurationBuilder
                    && (TypeChecks.Is(builder.WalkDownConversions().Type, configurationBuilder)
                        || (builder.WalkDownConversions().Type is { } builderType && TypeChecks.Implements(builderType, configurationBuilder))):
                return "configuration (" + build.TargetMethod.ReturnType.Name + ")";
            default:
                return null;
        }
    }
}
