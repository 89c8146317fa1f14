using System.Collections.Generic;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Lifecycle;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>A field or auto-property of the invoke path given the invoke's context, input or data derived from them (LAM0200, LAM0201).</summary>
internal readonly struct InvokeDataStore
{
    public InvokeDataStore(IAssignmentOperation assignment, ISymbol member, ReachedCode code)
    {
        Assignment = assignment;
        Member = member;
        Code = code;
    }

    public IAssignmentOperation Assignment { get; }

    public ISymbol Member { get; }

    public ReachedCode Code { get; }

    public bool IsStatic => Member.IsStatic;

    public string Describe() => (Member.IsStatic ? "static " : string.Empty) + (Member is IFieldSymbol ? "field" : "property") + " '" + Member.Name + "'";

    /// <summary>
    /// Assignments on the invoke path that store invoke data into a field or an auto-property.
    /// Properties with a written setter are not followed: a static <c>AsyncLocal</c>-backed
    /// accessor is the usual reason to write one. Collections filled with invoke data (caches)
    /// are not stores of the data itself.
    /// </summary>
    public static IEnumerable<InvokeDataStore> Find(TypeLifecycle lifecycle, LifecycleTypes types)
    {
        foreach (var code in lifecycle.InvokePath)
        {
            InvokeData? data = null;
            foreach (var operation in code.Operations())
            {
                if (operation is not IAssignmentOperation assignment || assignment is IDeconstructionAssignmentOperation)
                {
                    continue;
                }

                var member = OperationWalk.MemberOf(assignment.Target);
                if (member is null || member is IFieldSymbol { IsConst: true } || IsThreadLocalHolder(member, types))
                {
                    continue;
                }

                if (member is IPropertySymbol property && !AutoProperty.Is(property))
                {
                    continue;
                }

                data ??= new InvokeData(code, types);
                if (data.IsFromInvoke(assignment.Value))
                {
                    yield return new InvokeDataStore(assignment, member, code);
                }
            }
        }
    }

    private static bool IsThreadLocalHolder(ISymbol member, LifecycleTypes types)
    {
        var type = member switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };
        return TypeChecks.IsGeneric(type, types.AsyncLocal) || TypeChecks.IsGeneric(type, types.ThreadLocal);
    }
}
