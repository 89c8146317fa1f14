using System.Threading;
using LambdaAnalyzers.Caching;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Operations;

/// <summary>
/// Operation trees of source declarations outside the code an analyzer action was handed: the body
/// of a helper method in another type, the initializer of a field a bootstrap call reads.
/// </summary>
internal static class SourceOperations
{
    /// <summary>The body of a source method (ordinary, constructor, accessor, local function), or null when it has none or is not in <paramref name="compilation"/>.</summary>
    public static IMethodBodyBaseOperation? BodyOf(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (ModelOf(syntax, compilation)?.GetOperation(syntax, cancellationToken) is IMethodBodyBaseOperation body)
            {
                return body;
            }
        }

        return null;
    }

    /// <summary>The value a source field or property is initialised with in its declaration (<c>= value</c>), or null.</summary>
    public static IOperation? InitializerOf(ISymbol member, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            var initializer = reference.GetSyntax(cancellationToken) switch
            {
                VariableDeclaratorSyntax declarator => declarator.Initializer,
                PropertyDeclarationSyntax property => property.Initializer,
                _ => null,
            };
            if (initializer is not null
                && ModelOf(initializer, compilation)?.GetOperation(initializer, cancellationToken) is ISymbolInitializerOperation operation)
            {
                return operation.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// The semantic model of the tree holding <paramref name="syntax"/>, when that tree is part of <paramref name="compilation"/>:
    /// one per tree and compilation, shared by every rule that binds code outside the actions it was handed
    /// (<see cref="BindingModels"/>).
    /// </summary>
    public static SemanticModel? ModelOf(SyntaxNode syntax, Compilation compilation) =>
        compilation.ContainsSyntaxTree(syntax.SyntaxTree) ? Models.Get(compilation).Of(syntax.SyntaxTree) : null;

    private static readonly CompilationCache<BindingModels> Models = new(static compilation => new BindingModels(compilation));

    /// <summary>The root of the operation tree holding <paramref name="operation"/> (a method body, an initializer, top-level statements).</summary>
    public static IOperation RootOf(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }
}
