using System;
using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Lifecycle;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// LAM0209 (off by default): on the invoke path, a read-modify-write of a static field or
/// auto-property (<c>s_count++</c>, <c>s_total += x</c>, <c>s_x = s_x + 1</c>) or a mutation of a
/// static non-concurrent collection (<c>List&lt;T&gt;</c>, <c>Dictionary&lt;K,V&gt;</c>, …),
/// outside a <c>lock</c>. Harmless with one invoke per environment; a race with Lambda Managed
/// Instances, where one process runs several invokes at once. <c>Interlocked</c>, concurrent and
/// immutable collections, <c>Lazy&lt;T&gt;</c>, <c>??=</c> and single assignments are not reported.
/// </summary>
internal sealed class LAM0209UnsynchronizedStaticState : LifecycleRule
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.UnsynchronizedStaticState,
        title: "Static state is changed without synchronization",
        messageFormat: "{0} of static '{1}' is not atomic; with Lambda Managed Instances concurrent invokes race on it. Use Interlocked, a lock or a concurrent collection.",
        RuleCategories.Lifecycle,
        DiagnosticSeverity.Warning,
        description: "With Lambda Managed Instances one .NET process serves several invokes at the same time, so static state is shared by concurrent requests. Read-modify-write updates and changes to non-thread-safe collections then lose updates or corrupt the collection. Enable this rule for functions deployed to Lambda Managed Instances.",
        isEnabledByDefault: false);

    private static readonly string[] Mutators =
    {
        "Add", "AddRange", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "RemoveWhere", "Clear",
        "Enqueue", "Dequeue", "TryDequeue", "Push", "Pop", "TryPop", "TryAdd", "Sort", "Reverse", "UnionWith", "ExceptWith",
        "IntersectWith", "SymmetricExceptWith", "AddFirst", "AddLast", "RemoveFirst", "RemoveLast", "EnsureCapacity", "TrimExcess",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Analyze(LifecycleCompilation compilation, TypeLifecycle lifecycle, LifecycleReporter reporter)
    {
        foreach (var code in lifecycle.InvokePath)
        {
            foreach (var operation in code.Operations())
            {
                var (member, what) = Change(operation);
                if (member is not null && OperationWalk.Ancestor<ILockOperation>(operation, code.Body) is null)
                {
                    reporter.Report(Rule, operation, code, what, member.Name);
                }
            }
        }
    }

    private static (ISymbol? Member, string What) Change(IOperation operation)
    {
        switch (operation)
        {
            case IIncrementOrDecrementOperation step when StaticMember(step.Target) is { } member:
                return (member, operation.Kind == OperationKind.Increment ? "The increment" : "The decrement");
            case ICompoundAssignmentOperation compound when StaticMember(compound.Target) is { } member:
                return (member, "The compound assignment");
            case ISimpleAssignmentOperation assignment when StaticMember(assignment.Target) is { } member && Reads(assignment.Value, member):
                return (member, "The read-modify-write");
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: > 0, Instance: { } indexed } } when StaticCollection(indexed) is { } collection:
                return (collection, "Setting an element");
            case IInvocationOperation { Instance: { } instance } invocation
                when Array.IndexOf(Mutators, invocation.TargetMethod.Name) >= 0 && StaticCollection(instance) is { } collection:
                return (collection, "'" + invocation.TargetMethod.Name + "'");
            default:
                return (null, string.Empty);
        }
    }

    private static ISymbol? StaticMember(IOperation target)
    {
        var member = OperationWalk.MemberOf(target);
        return member is { IsStatic: true } && (member is IFieldSymbol || (member is IPropertySymbol property && AutoProperty.Is(property)))
            ? member
            : null;
    }

    private static bool Reads(IOperation value, ISymbol member)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            if (OperationWalk.MemberOf(operation) is { } read && SymbolEqualityComparer.Default.Equals(read, member))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A static field or auto-property whose declared type is a non-thread-safe collection class.</summary>
    private static ISymbol? StaticCollection(IOperation instance)
    {
        if (StaticMember(instance) is not { } member)
        {
            return null;
        }

        var type = member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;
        var ns = type.ContainingNamespace?.ToDisplayString();
        return type.TypeKind == TypeKind.Class && ns is "System.Collections.Generic" or "System.Collections" ? member : null;
    }
}
