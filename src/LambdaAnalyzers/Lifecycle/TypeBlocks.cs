using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// The operation blocks of one type's members, as the compiler hands them to operation-block
/// actions between the type's symbol-start and symbol-end.
/// </summary>
internal sealed class TypeBlocks
{
    private readonly Dictionary<ISymbol, ImmutableArray<IOperation>> _blocks = new(SymbolEqualityComparer.Default);

    public void Add(ISymbol owner, ImmutableArray<IOperation> blocks)
    {
        lock (_blocks)
        {
            _blocks[owner] = blocks;
        }
    }

    /// <summary>A snapshot of every owner and its blocks.</summary>
    public List<KeyValuePair<ISymbol, ImmutableArray<IOperation>>> All()
    {
        lock (_blocks)
        {
            return new List<KeyValuePair<ISymbol, ImmutableArray<IOperation>>>(_blocks);
        }
    }

    /// <summary>The body of <paramref name="method"/> when it is one of this type's members.</summary>
    public IOperation? BodyOf(IMethodSymbol method)
    {
        ImmutableArray<IOperation> blocks;
        lock (_blocks)
        {
            if (!_blocks.TryGetValue(method.OriginalDefinition, out blocks))
            {
                return null;
            }
        }

        return BodyIn(blocks);
    }

    public static IOperation? BodyIn(ImmutableArray<IOperation> blocks)
    {
        foreach (var block in blocks)
        {
            if (block is IMethodBodyBaseOperation or IFieldInitializerOperation or IPropertyInitializerOperation)
            {
                return block;
            }
        }

        return blocks.IsDefaultOrEmpty ? null : blocks[0];
    }
}
