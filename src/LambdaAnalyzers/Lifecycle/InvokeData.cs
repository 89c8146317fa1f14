using System.Collections.Generic;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// Which values of a body belong to the current invoke (LAM0200, LAM0201): any
/// <c>ILambdaContext</c>; an entry's input parameters; and data derived from them — their members,
/// elements and method results, strings built from them, objects and tuples holding them, and
/// locals (including <c>foreach</c> variables) assigned from them anywhere in the body.
/// Arithmetic and comparisons do not carry the taint: a count or a flag is not the request.
/// </summary>
internal sealed class InvokeData
{
    private const int MaxNesting = 24;

    private readonly LifecycleTypes _types;
    private readonly HashSet<ISymbol> _sources = new(SymbolEqualityComparer.Default);

    public InvokeData(ReachedCode code, LifecycleTypes types)
    {
        _types = types;
        if (code.IsEntry && code.Phase == Phase.Invoke && code.Owner is IMethodSymbol entry)
        {
            foreach (var parameter in entry.Parameters)
            {
                if (!TypeChecks.Is(parameter.Type, types.CancellationToken))
                {
                    _sources.Add(parameter);
                }
            }
        }

        // Locals until nothing changes: `var records = input.Records; foreach (var r in records) ...`.
        bool changed;
        do
        {
            changed = false;
            foreach (var operation in code.Operations())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator when !_sources.Contains(declarator.Symbol) && IsFromInvoke(value):
                        changed |= _sources.Add(declarator.Symbol);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when !_sources.Contains(local.Local) && IsFromInvoke(assignment.Value):
                        changed |= _sources.Add(local.Local);
                        break;
                    case IForEachLoopOperation loop when IsFromInvoke(loop.Collection):
                        foreach (var local in loop.Locals)
                        {
                            changed |= _sources.Add(local);
                        }

                        break;
                }
            }
        }
        while (changed);
    }

    /// <summary>The value is the invoke's context or input, or derived from them.</summary>
    public bool IsFromInvoke(IOperation value) => IsFromInvoke(value, 0);

    private bool IsFromInvoke(IOperation? value, int nesting)
    {
        if (value is null || nesting > MaxNesting)
        {
            return false;
        }

        var next = nesting + 1;
        if (value.WrittenElements() is { IsDefault: false } elements)
        {
            // new[] { context }, [context, ..others]: the collection holds what its elements hold.
            return AnyFromInvoke(elements, next);
        }

        if (value.SpreadValue() is { } spread)
        {
            return IsFromInvoke(spread, next);
        }

        switch (value)
        {
            case IConversionOperation conversion:
                return IsFromInvoke(conversion.Operand, next);
            case IParenthesizedOperation parenthesized:
                return IsFromInvoke(parenthesized.Operand, next);
            case ILiteralOperation or IDefaultValueOperation:
                return false;
            case var _ when _types.Lambda.IsOrImplementsLambdaContext(value.Type):
                return true;
            case IParameterReferenceOperation parameter:
                return _sources.Contains(parameter.Parameter);
            case ILocalReferenceOperation local:
                return _sources.Contains(local.Local);
            case IMemberReferenceOperation member:
                return IsFromInvoke(member.Instance, next);
            case IArrayElementReferenceOperation element:
                return IsFromInvoke(element.ArrayReference, next);
            case IInvocationOperation invocation:
                return IsFromInvoke(invocation.Instance, next)
                    || (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 && IsFromInvoke(invocation.Arguments[0].Value, next));
            case IConditionalAccessOperation access:
                return IsFromInvoke(access.Operation, next);
            case IConditionalAccessInstanceOperation instance:
                return OperationWalk.Ancestor<IConditionalAccessOperation>(instance) is { } owner && IsFromInvoke(owner.Operation, next);
            case IConditionalOperation conditional:
                return IsFromInvoke(conditional.WhenTrue, next) || IsFromInvoke(conditional.WhenFalse, next);
            case ICoalesceOperation coalesce:
                return IsFromInvoke(coalesce.Value, next) || IsFromInvoke(coalesce.WhenNull, next);
            case IAwaitOperation awaited:
                return IsFromInvoke(awaited.Operation, next);
            case IBinaryOperation { Type.SpecialType: SpecialType.System_String } concatenation:
                return IsFromInvoke(concatenation.LeftOperand, next) || IsFromInvoke(concatenation.RightOperand, next);
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation interpolation && IsFromInvoke(interpolation.Expression, next))
                    {
                        return true;
                    }
                }

                return false;
            case IObjectCreationOperation creation:
                foreach (var argument in creation.Arguments)
                {
                    if (IsFromInvoke(argument.Value, next))
                    {
                        return true;
                    }
                }

                return creation.Initializer is { } initializer && AnyFromInvoke(initializer.Initializers, next);
            case IAnonymousObjectCreationOperation anonymous:
                return AnyFromInvoke(anonymous.Initializers, next);
            case ITupleOperation tuple:
                return AnyFromInvoke(tuple.Elements, next);
            case ISimpleAssignmentOperation assignment:
                return IsFromInvoke(assignment.Value, next);
            default:
                return false;
        }
    }

    private bool AnyFromInvoke(IEnumerable<IOperation> values, int nesting)
    {
        foreach (var value in values)
        {
            if (IsFromInvoke(value, nesting))
            {
                return true;
            }
        }

        return false;
    }
}
