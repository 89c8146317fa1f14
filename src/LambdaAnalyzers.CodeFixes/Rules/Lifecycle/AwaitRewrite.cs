using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Simplification;

namespace LambdaAnalyzers.CodeFixes.Rules.Lifecycle;

/// <summary>One edit that introduces an <c>await</c>: the node to replace and what replaces it.</summary>
internal readonly struct AwaitEdit
{
    public AwaitEdit(SyntaxNode target, SyntaxNode replacement)
    {
        Target = target;
        Replacement = replacement;
    }

    public SyntaxNode Target { get; }

    public SyntaxNode Replacement { get; }
}

/// <summary>
/// Applies <see cref="AwaitEdit"/>s and makes the enclosing methods <c>async</c> where needed
/// (LAM0203, LAM0204): <c>void</c> becomes <c>Task</c> and <c>T</c> becomes <c>Task&lt;T&gt;</c>.
/// A signature changes only when nothing else could break: not an override or interface member,
/// not referenced anywhere in the solution (the runtime calls handlers by name). Lambdas must
/// already be <c>async</c>: turning a sync lambda async changes its delegate type. Methods that
/// return a task without being <c>async</c> are left alone.
/// </summary>
internal static class AwaitRewrite
{
    public static async Task<Document> ApplyAsync(
        Document document,
        ImmutableArray<Diagnostic> diagnostics,
        System.Func<SyntaxNode, SemanticModel, Diagnostic, CancellationToken, AwaitEdit?> plan,
        CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var edits = new List<AwaitEdit>();
        var conversions = new Dictionary<SyntaxNode, TypeSyntax?>();
        foreach (var diagnostic in diagnostics)
        {
            if (plan(root, model, diagnostic, cancellationToken) is not { } edit
                || EnclosingFunction(edit.Target) is not { } function)
            {
                continue;
            }

            if (!conversions.ContainsKey(function))
            {
                var conversion = await AsyncReturnTypeAsync(document.Project.Solution, function, model, cancellationToken).ConfigureAwait(false);
                if (!conversion.Possible)
                {
                    continue;
                }

                conversions.Add(function, conversion.ReturnType);
            }

            edits.Add(edit);
        }

        if (edits.Count == 0)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var edit in edits)
        {
            editor.ReplaceNode(edit.Target, edit.Replacement.WithTriviaFrom(edit.Target).WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation));
        }

        // After the inner edits, so each function is rewritten with them in place.
        foreach (var pair in conversions)
        {
            if (IsAsync(pair.Key))
            {
                continue;
            }

            var returnType = pair.Value;
            editor.ReplaceNode(pair.Key, (current, _) => MakeAsync(current, returnType));
        }

        var changed = editor.GetChangedDocument();
        changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the edit at <paramref name="target"/> can be made: the enclosing function is async or can become async.</summary>
    public static async Task<bool> CanApplyAsync(Document document, SyntaxNode target, SemanticModel model, CancellationToken cancellationToken) =>
        EnclosingFunction(target) is { } function
        && (await AsyncReturnTypeAsync(document.Project.Solution, function, model, cancellationToken).ConfigureAwait(false)).Possible;

    /// <summary><c>await <paramref name="task"/></c>, parenthesized (the simplifier drops needless parentheses).</summary>
    public static ExpressionSyntax Await(ExpressionSyntax task) =>
        SyntaxFactory.ParenthesizedExpression(SyntaxFactory.AwaitExpression(task.WithoutTrivia())).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary>The method, local function or lambda whose body holds <paramref name="node"/>; null inside a lock, query or unsafe code.</summary>
    public static SyntaxNode? EnclosingFunction(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case LockStatementSyntax or QueryExpressionSyntax or UnsafeStatementSyntax:
                    return null;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MethodDeclarationSyntax:
                    return current;
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    private static bool IsAsync(SyntaxNode function) => function switch
    {
        AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
        LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
        MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
        _ => false,
    };

    private static async Task<(bool Possible, TypeSyntax? ReturnType)> AsyncReturnTypeAsync(
        Solution solution,
        SyntaxNode function,
        SemanticModel model,
        CancellationToken cancellationToken)
    {
        if (IsAsync(function))
        {
            return (true, null);
        }

        if (function is AnonymousFunctionExpressionSyntax)
        {
            return (false, null);
        }

        if (model.GetDeclaredSymbol(function, cancellationToken) is not IMethodSymbol method
            || method.IsOverride || method.IsAbstract || method.IsVirtual || method.IsExtern
            || method.ExplicitInterfaceImplementations.Length > 0 || ImplementsInterface(method)
            || method.ReturnsByRef || method.ReturnsByRefReadonly || IsTaskLike(method.ReturnType, model.Compilation)
            || method.Parameters.Any(p => p.RefKind != RefKind.None) || method.IsIterator())
        {
            return (false, null);
        }

        if (method.MethodKind != MethodKind.LocalFunction)
        {
            var references = await SymbolFinder.FindReferencesAsync(method, solution, cancellationToken).ConfigureAwait(false);
            foreach (var reference in references)
            {
                if (reference.Locations.Any())
                {
                    return (false, null);
                }
            }
        }
        else if (function.Parent is { } scope && ReferencesLocalFunction(scope, method, model, cancellationToken))
        {
            return (false, null);
        }

        var task = method.ReturnsVoid ? "System.Threading.Tasks.Task" : "System.Threading.Tasks.Task<" + method.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ">";
        return (true, SyntaxFactory.ParseTypeName(task).WithAdditionalAnnotations(Simplifier.Annotation));
    }

    private static bool ReferencesLocalFunction(SyntaxNode scope, IMethodSymbol function, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var node in scope.DescendantNodes())
        {
            if (node is IdentifierNameSyntax name && name.Identifier.ValueText == function.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, function))
            {
                return true;
            }
        }

        return false;
    }

    private static SyntaxNode MakeAsync(SyntaxNode function, TypeSyntax? returnType)
    {
        var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        switch (function)
        {
            case MethodDeclarationSyntax method when returnType is not null:
                return method
                    .WithModifiers(method.Modifiers.Add(asyncKeyword))
                    .WithReturnType(returnType.WithTriviaFrom(method.ReturnType));
            case LocalFunctionStatementSyntax local when returnType is not null:
                var modifiers = local.Modifiers.Add(asyncKeyword);
                return local
                    .WithModifiers(local.Modifiers.Count == 0 ? modifiers.Replace(modifiers[0], modifiers[0].WithLeadingTrivia(local.ReturnType.GetLeadingTrivia())) : modifiers)
                    .WithReturnType(returnType.WithTrailingTrivia(local.ReturnType.GetTrailingTrivia()));
            default:
                return function;
        }
    }

    private static bool ImplementsInterface(IMethodSymbol method)
    {
        foreach (var @interface in method.ContainingType.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers())
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // The analyzers' own definition (Task, Task<T> and subclasses, ValueTask, ValueTask<T>), by symbol.
    private static bool IsTaskLike(ITypeSymbol type, Compilation compilation) =>
        Awaitable.Of(type, LambdaTypes.From(compilation)).IsTask;

    private static bool IsIterator(this IMethodSymbol method)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax().DescendantNodes())
            {
                if (node is YieldStatementSyntax)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
