using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Lifecycle;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// LAM0208: disposing, on the invoke path, an object every invoke shares: a static field or
/// property, or a member of the reused handler object that Init code creates (initializer or
/// constructor). Calls to <c>Dispose</c>/<c>DisposeAsync</c> and <c>using</c> on such a member (or
/// a local copied from one) are reported; per-invoke objects are not.
/// </summary>
internal sealed class LAM0208SharedClientDisposed : LifecycleRule
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.SharedClientDisposed,
        title: "Shared client is disposed during an invoke",
        messageFormat: "'{0}' is created once and shared by every invoke; disposing it here breaks the next invoke of this environment",
        RuleCategories.Lifecycle,
        DiagnosticSeverity.Warning,
        description: "Objects created during Init (static fields, fields the constructor sets) serve every invoke of the execution environment, and with Lambda Managed Instances several invokes at once. Disposing one in the handler leaves the next invoke with an ObjectDisposedException. Let it live as long as the environment.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Analyze(LifecycleCompilation compilation, TypeLifecycle lifecycle, LifecycleReporter reporter)
    {
        foreach (var code in lifecycle.InvokePath)
        {
            foreach (var operation in code.Operations())
            {
                switch (operation)
                {
                    case IInvocationOperation { TargetMethod: { Name: "Dispose" or "DisposeAsync", Parameters.Length: 0 } } dispose:
                        if (SharedMember(Receiver(dispose), code, lifecycle) is { } member)
                        {
                            var whole = dispose.Instance?.WalkDownConversions() is IConditionalAccessInstanceOperation
                                ? OperationWalk.Ancestor<IConditionalAccessOperation>(dispose) ?? (IOperation)dispose
                                : dispose;
                            reporter.Report(Rule, whole, code, member.Name);
                        }

                        break;
                    case IUsingOperation usingStatement:
                        ReportResources(usingStatement.Resources, code, lifecycle, reporter);
                        break;
                    case IUsingDeclarationOperation usingDeclaration:
                        ReportResources(usingDeclaration.DeclarationGroup, code, lifecycle, reporter);
                        break;
                }
            }
        }
    }

    private static void ReportResources(IOperation resources, ReachedCode code, TypeLifecycle lifecycle, LifecycleReporter reporter)
    {
        if (resources is IVariableDeclarationGroupOperation group)
        {
            foreach (var declaration in group.Declarations)
            {
                foreach (var declarator in declaration.Declarators)
                {
                    if (declarator.Initializer?.Value is { } value && SharedMember(value, code, lifecycle) is { } member)
                    {
                        reporter.Report(Rule, value, code, member.Name);
                    }
                }
            }
        }
        else if (SharedMember(resources, code, lifecycle) is { } member)
        {
            reporter.Report(Rule, resources, code, member.Name);
        }
    }

    /// <summary>The receiver of a call, seen through <c>?.</c>.</summary>
    private static IOperation? Receiver(IInvocationOperation invocation)
    {
        var instance = invocation.Instance?.WalkDownConversions();
        if (instance is IConditionalAccessInstanceOperation && OperationWalk.Ancestor<IConditionalAccessOperation>(invocation) is { } access)
        {
            return access.Operation;
        }

        return instance;
    }

    private static ISymbol? SharedMember(IOperation? value, ReachedCode code, TypeLifecycle lifecycle)
    {
        if (value is null || OperationWalk.MemberOf(value) is not { } member
            || (member is IPropertySymbol property && !AutoProperty.Is(property)))
        {
            return null;
        }

        if (member.IsStatic)
        {
            return member;
        }

        return OperationWalk.IsThis(OperationWalk.InstanceOf(value))
            && code.ReusedInstance
            && lifecycle.InitAssignedMembers.Contains(member.OriginalDefinition)
                ? member
                : null;
    }
}
