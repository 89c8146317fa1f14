using System.Text;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Serialization;

/// <summary>
/// Where a walk of a handler's type graph is (<c>Order.Lines[].Product</c>), kept as a chain of steps and
/// spelled out only for a problem: a walk visits every member of every type it reaches, and few of them
/// have one.
/// </summary>
internal sealed class MemberPath
{
    private readonly MemberPath? _parent;
    private readonly ITypeSymbol? _root;
    private readonly string? _separator;
    private readonly string? _step;

    private MemberPath(MemberPath? parent, ITypeSymbol? root, string? separator, string? step)
    {
        _parent = parent;
        _root = root;
        _separator = separator;
        _step = step;
    }

    /// <summary>The path of the walk's root type, spelled as its minimally qualified name.</summary>
    public static MemberPath Root(ITypeSymbol root) => new(null, root, null, null);

    /// <summary>This path followed by <paramref name="separator"/> and <paramref name="step"/> (<c>"."</c> and a member name, or none and <c>"[]"</c>).</summary>
    public MemberPath Then(string? separator, string step) => new(this, null, separator, step);

    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder);
        return builder.ToString();
    }

    private void Append(StringBuilder builder)
    {
        if (_parent is not null)
        {
            _parent.Append(builder);
        }
        else if (_root is not null)
        {
            builder.Append(_root.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
        }

        builder.Append(_separator).Append(_step);
    }
}
