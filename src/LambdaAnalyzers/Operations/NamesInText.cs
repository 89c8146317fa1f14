using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers.Operations;

/// <summary>
/// The simple names (<c>F</c> in <c>F(…)</c>, <c>x.F</c>, <c>nameof(F)</c>, …) of a syntax tree spelled as one of a
/// few identifiers, found from the tree's text rather than by walking every node: each place the text holds one
/// of the identifiers is looked up as a token, so a tree that never spells them costs one scan of its characters
/// and creates no syntax nodes. An identifier may also be written with Unicode escapes (<c>\u0046</c>), which the
/// text does not show: a tree whose text holds a <c>\u</c> or <c>\U</c> is walked node by node instead.
/// </summary>
internal static class NamesInText
{
    /// <summary>The simple names in <paramref name="tree"/> whose identifier is in <paramref name="identifiers"/>, in source order.</summary>
    public static IEnumerable<SimpleNameSyntax> Find(SyntaxTree tree, ISet<string> identifiers, CancellationToken cancellationToken)
    {
        if (identifiers.Count == 0)
        {
            return Array.Empty<SimpleNameSyntax>();
        }

        var text = tree.GetText(cancellationToken).ToString();
        if (text.IndexOf("\\u", StringComparison.Ordinal) >= 0 || text.IndexOf("\\U", StringComparison.Ordinal) >= 0)
        {
            return WalkAll(tree, identifiers, cancellationToken);
        }

        var positions = new List<int>();
        foreach (var identifier in identifiers)
        {
            for (var at = text.IndexOf(identifier, StringComparison.Ordinal); at >= 0; at = text.IndexOf(identifier, at + identifier.Length, StringComparison.Ordinal))
            {
                if (IsWholeWord(text, at, identifier.Length))
                {
                    positions.Add(at);
                }
            }
        }

        if (positions.Count == 0)
        {
            return Array.Empty<SimpleNameSyntax>();
        }

        positions.Sort();
        return AtPositions(tree, positions, identifiers, cancellationToken);
    }

    private static IEnumerable<SimpleNameSyntax> AtPositions(SyntaxTree tree, List<int> positions, ISet<string> identifiers, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        foreach (var position in positions)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // A position in a comment finds a token that does not span it; one in a string, a string's token.
            var token = root.FindToken(position);
            if (token.Span.Contains(position)
                && token.IsKind(SyntaxKind.IdentifierToken)
                && token.Parent is SimpleNameSyntax name
                && name.Identifier == token
                && identifiers.Contains(token.ValueText))
            {
                yield return name;
            }
        }
    }

    private static IEnumerable<SimpleNameSyntax> WalkAll(SyntaxTree tree, ISet<string> identifiers, CancellationToken cancellationToken)
    {
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
        {
            if (node is SimpleNameSyntax name && identifiers.Contains(name.Identifier.ValueText))
            {
                yield return name;
            }
        }
    }

    /// <summary>The invocation <paramref name="name"/> names the method of (<c>F(…)</c>, <c>x.F(…)</c>, <c>x?.F(…)</c>), or null.</summary>
    public static InvocationExpressionSyntax? InvocationOf(SimpleNameSyntax name)
    {
        SyntaxNode expression = name;
        if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
        {
            expression = access;
        }
        else if (name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name)
        {
            expression = binding;
        }

        return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression ? invocation : null;
    }

    /// <summary>
    /// The name of the method <paramref name="invocation"/> calls as the code spells it (<c>F</c> in <c>F(…)</c>,
    /// <c>x.F&lt;T&gt;(…)</c>, <c>x?.F(…)</c>), or null when it calls something else (a delegate held in an
    /// expression). A method cannot be aliased, so a call of a given method always spells its name.
    /// </summary>
    public static string? CalledName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>Neither neighbour continues the identifier (a verbatim <c>@</c> before it does not).</summary>
    private static bool IsWholeWord(string text, int start, int length) =>
        (start == 0 || !SyntaxFacts.IsIdentifierPartCharacter(text[start - 1]))
        && (start + length == text.Length || !SyntaxFacts.IsIdentifierPartCharacter(text[start + length]));
}
