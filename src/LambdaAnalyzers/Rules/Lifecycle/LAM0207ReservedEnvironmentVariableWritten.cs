using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Lifecycle;
using LambdaAnalyzers.Platform;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// LAM0207: <c>Environment.SetEnvironmentVariable</c> on a variable Lambda reserves
/// (<see cref="ReservedEnvironmentVariables"/>), on the invoke path or in Init code. Reading them
/// is fine, so is writing unreserved ones. <c>_X_AMZN_TRACE_ID</c> is reserved in configuration
/// (LAM0302) but not here: a runtime client must set it per invoke.
/// </summary>
internal sealed class LAM0207ReservedEnvironmentVariableWritten : LifecycleRule
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.ReservedEnvironmentVariableWritten,
        title: "Reserved Lambda environment variable is written",
        messageFormat: "'{0}' is reserved by Lambda; the runtime and the AWS SDK rely on the value the platform set",
        RuleCategories.Lifecycle,
        DiagnosticSeverity.Warning,
        description: "Lambda sets reserved environment variables (_HANDLER, AWS_REGION, AWS_LAMBDA_FUNCTION_NAME, LAMBDA_TASK_ROOT, the execution role's credentials, ...) for every execution environment, and the runtime client and the AWS SDK read them. Changing one in code makes the function disagree with its own configuration — other regions, other credentials — for every later invoke of the environment.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Analyze(LifecycleCompilation compilation, TypeLifecycle lifecycle, LifecycleReporter reporter)
    {
        var environment = compilation.Types.Environment;
        foreach (var codes in new[] { lifecycle.InvokePath, lifecycle.InitCode })
        {
            foreach (var code in codes)
            {
                foreach (var operation in code.Operations())
                {
                    if (operation is IInvocationOperation { TargetMethod.Name: "SetEnvironmentVariable", Arguments.Length: >= 2 } invocation
                        && TypeChecks.Is(invocation.TargetMethod.ContainingType, environment)
                        && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name }
                        && IsReservedForCode(name))
                    {
                        reporter.Report(Rule, invocation, code, name);
                    }
                }
            }
        }
    }

    // The trace header is reserved in configuration, but the runtime client (ours or a custom one)
    // sets it per invoke (docs/platform/environment-variables.md), so code writing it is not a mistake.
    private static bool IsReservedForCode(string name) =>
        ReservedEnvironmentVariables.IsReserved(name) && name != ReservedEnvironmentVariables.TraceId;
}
