using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.CodeFixes.Shared;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace LambdaAnalyzers.CodeFixes.Rules.Lifecycle;

/// <summary>
/// The fix shared by LAM0200 and LAM0201: <c>field = context;</c> in a handler, where the field is a
/// private <c>ILambdaContext</c> of the same type read only by private helpers of that type, which
/// are called only from the handler or from each other. The assignment and the field go; each
/// helper takes a trailing <c>ILambdaContext</c> parameter that replaces the field's reads, and each
/// call passes the handler's context (or the calling helper's new parameter). Anything else — other
/// writes, reads in the handler, in lambdas, accessors or other types, helpers used as method groups
/// or callable from outside — gets no fix.
/// </summary>
internal static class ContextFieldRewrite
{
    public const string Title = "Pass the context as a parameter instead of storing it";

    private const string LambdaContextMetadataName = "Amazon.Lambda.Core.ILambdaContext";

    public static FixAllProvider FixAll { get; } = BatchCodeFix.FixAll(ApplyAsync);

    public static Task RegisterAsync(CodeFixContext context) =>
        BatchCodeFix.RegisterAsync(context, Title, BatchCodeFix.When((root, model, diagnostic, ct) => Plan(root, model, diagnostic, ct) is not null), ApplyAsync);

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        // Plans touching disjoint helpers can be applied together; an overlapping one waits for the next pass.
        var plans = new List<Rewrite>();
        var fields = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var methods = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var diagnostic in diagnostics)
        {
            if (Plan(root, model, diagnostic, cancellationToken) is not { } plan
                || fields.Contains(plan.Field)
                || plan.Helpers.Keys.Any(methods.Contains))
            {
                continue;
            }

            fields.Add(plan.Field);
            methods.UnionWith(plan.Helpers.Keys);
            plans.Add(plan);
        }

        if (plans.Count == 0)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var plan in plans)
        {
            Apply(editor, model, plan);
        }

        var changed = editor.GetChangedDocument();
        changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static void Apply(DocumentEditor editor, SemanticModel model, Rewrite plan)
    {
        editor.RemoveNode(plan.Statement, SyntaxRemoveOptions.KeepNoTrivia);

        foreach (var read in plan.Reads)
        {
            var name = plan.Helpers[read.Method].Name;
            editor.ReplaceNode(read.Expression, SyntaxFactory.IdentifierName(name).WithTriviaFrom(read.Expression));
        }

        foreach (var call in plan.Calls)
        {
            var argumentName = call.Caller is { } caller ? plan.Helpers[caller].Name : plan.HandlerParameter.Name;
            editor.ReplaceNode(call.Invocation.ArgumentList, (current, _) =>
            {
                var list = (ArgumentListSyntax)current;
                var argument = SyntaxFactory.Argument(SyntaxFactory.IdentifierName(argumentName));
                if (list.Arguments.Any(a => a.NameColon is not null))
                {
                    argument = argument.WithNameColon(SyntaxFactory.NameColon(plan.Helpers[call.Callee].Name));
                }

                return list.AddArguments(argument);
            });
        }

        foreach (var helper in plan.Helpers.Values)
        {
            var type = SyntaxFactory.ParseTypeName(plan.ContextType.ToMinimalDisplayString(model, helper.Declaration.SpanStart))
                .WithAdditionalAnnotations(Simplifier.Annotation);
            var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(helper.Name)).WithType(type);
            editor.ReplaceNode(helper.Declaration.ParameterList, (current, _) =>
                ((ParameterListSyntax)current).AddParameters(parameter).WithAdditionalAnnotations(Formatter.Annotation));
        }

        editor.RemoveNode(plan.Declaration, SyntaxRemoveOptions.KeepNoTrivia);
        if (plan.Declaration.Parent is TypeDeclarationSyntax owner && owner.Members.IndexOf(plan.Declaration) == 0 && owner.Members.Count > 1)
        {
            // The member that becomes first loses the blank line that separated it from the declaration.
            editor.ReplaceNode(owner.Members[1], (current, _) => current.WithLeadingTrivia(WithoutLeadingBlankLines(current.GetLeadingTrivia())));
        }
    }

    private static SyntaxTriviaList WithoutLeadingBlankLines(SyntaxTriviaList trivia)
    {
        var start = 0;
        for (var i = 0; i < trivia.Count && (trivia[i].IsKind(SyntaxKind.WhitespaceTrivia) || trivia[i].IsKind(SyntaxKind.EndOfLineTrivia)); i++)
        {
            if (trivia[i].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                start = i + 1;
            }
        }

        return SyntaxFactory.TriviaList(trivia.Skip(start));
    }

    /// <summary>The rewrite for the reported assignment, or null when it is not the mechanical case.</summary>
    private static Rewrite? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node is not AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
            || assignment.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax } statement
            || assignment.Right is not IdentifierNameSyntax
            || WellKnownTypes.Find(model.Compilation, LambdaContextMetadataName) is not { } contextType
            || EnclosingMethod(assignment) is not { } handlerDeclaration
            || handlerDeclaration.Parent is not TypeDeclarationSyntax typeDeclaration
            || model.GetDeclaredSymbol(handlerDeclaration, cancellationToken) is not { } handler
            || model.GetSymbolInfo(assignment.Right, cancellationToken).Symbol is not IParameterSymbol handlerParameter
            || !SymbolEqualityComparer.Default.Equals(handlerParameter.ContainingSymbol, handler)
            || !SymbolEqualityComparer.Default.Equals(handlerParameter.Type, contextType))
        {
            return null;
        }

        var type = handler.ContainingType;
        if (type.DeclaringSyntaxReferences.Length != 1
            || MemberReference(assignment.Left, model, type, cancellationToken) is not { } field
            || field.DeclaredAccessibility != Accessibility.Private
            || !SymbolEqualityComparer.Default.Equals(field.ContainingType, type)
            || !SymbolEqualityComparer.Default.Equals(MemberType(field), contextType)
            || Declaration(field, cancellationToken) is not { } declaration)
        {
            return null;
        }

        // Every other use of the field: a plain read in a private helper of the type.
        var reads = new List<Read>();
        var helpers = new Dictionary<IMethodSymbol, Helper>(SymbolEqualityComparer.Default);
        var pending = new Queue<IMethodSymbol>();
        foreach (var reference in References(typeDeclaration, field, model, cancellationToken))
        {
            if (reference == assignment.Left)
            {
                continue;
            }

            if (!IsPlainRead(reference)
                || EnclosingMethod(reference) is not { } readerDeclaration
                || model.GetDeclaredSymbol(readerDeclaration, cancellationToken) is not { } reader
                || SymbolEqualityComparer.Default.Equals(reader, handler)
                || !AddHelper(reader, readerDeclaration, typeDeclaration, helpers, pending))
            {
                return null;
            }

            reads.Add(new Read(reference, reader));
        }

        if (reads.Count == 0)
        {
            return null;
        }

        // Every use of a helper: a call from the handler or from another helper (which then needs the parameter too).
        var calls = new List<Call>();
        while (pending.Count > 0)
        {
            var callee = pending.Dequeue();
            foreach (var reference in References(typeDeclaration, callee, model, cancellationToken))
            {
                if (reference.Parent is not InvocationExpressionSyntax invocation
                    || invocation.Expression != reference
                    || EnclosingMethod(invocation) is not { } callerDeclaration
                    || model.GetDeclaredSymbol(callerDeclaration, cancellationToken) is not { } caller)
                {
                    return null;
                }

                if (SymbolEqualityComparer.Default.Equals(caller, handler))
                {
                    calls.Add(new Call(invocation, callee, null));
                    continue;
                }

                if (!AddHelper(caller, callerDeclaration, typeDeclaration, helpers, pending))
                {
                    return null;
                }

                calls.Add(new Call(invocation, callee, caller));
            }
        }

        foreach (var helper in helpers.Values)
        {
            helper.Name = ParameterName(helper.Declaration);
        }

        return new Rewrite(field, contextType, handlerParameter, statement, declaration, reads, calls, helpers);
    }

    /// <summary>A private, ordinary, non-generic-virtual method declared with a body in the type itself, whose parameter list can take one more.</summary>
    private static bool AddHelper(IMethodSymbol method, MethodDeclarationSyntax declaration, TypeDeclarationSyntax type, Dictionary<IMethodSymbol, Helper> helpers, Queue<IMethodSymbol> pending)
    {
        if (helpers.ContainsKey(method))
        {
            return true;
        }

        if (method.MethodKind != MethodKind.Ordinary
            || method.DeclaredAccessibility != Accessibility.Private
            || method.IsGenericMethod
            || method.IsVirtual || method.IsOverride || method.IsAbstract || method.IsExtern || method.IsPartialDefinition || method.PartialImplementationPart is not null || method.PartialDefinitionPart is not null
            || method.ExplicitInterfaceImplementations.Length > 0
            || declaration.Parent != type
            || (declaration.Body is null && declaration.ExpressionBody is null)
            || declaration.ParameterList.Parameters.Any(p => p.Default is not null || p.Modifiers.Any(SyntaxKind.ParamsKeyword) || p.Modifiers.Any(SyntaxKind.ThisKeyword)))
        {
            return false;
        }

        helpers.Add(method, new Helper(declaration));
        pending.Enqueue(method);
        return true;
    }

    /// <summary>The method whose own body holds <paramref name="node"/>: not through a lambda, local function or nested type.</summary>
    private static MethodDeclarationSyntax? EnclosingMethod(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case MethodDeclarationSyntax method:
                    return method;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The field or auto-property written by <c>x</c>, <c>this.x</c> or <c>Type.x</c>.</summary>
    private static ISymbol? MemberReference(ExpressionSyntax target, SemanticModel model, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var name = target switch
        {
            IdentifierNameSyntax identifier => identifier,
            MemberAccessExpressionSyntax { Name: IdentifierNameSyntax identifier } access when IsOwnReceiver(access.Expression, model, type, cancellationToken) => identifier,
            _ => null,
        };
        return name is null ? null : model.GetSymbolInfo(name, cancellationToken).Symbol switch
        {
            IFieldSymbol { IsConst: false } field => field,
            IPropertySymbol { IsIndexer: false } property when AutoProperty.Is(property) => property,
            _ => null,
        };
    }

    private static bool IsOwnReceiver(ExpressionSyntax receiver, SemanticModel model, INamedTypeSymbol type, CancellationToken cancellationToken) =>
        receiver is ThisExpressionSyntax
        || SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(receiver, cancellationToken).Symbol, type);

    private static ITypeSymbol? MemberType(ISymbol member) => member switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };

    /// <summary>The declaration that goes with the field: a single-variable field declaration, or the property declaration.</summary>
    private static MemberDeclarationSyntax? Declaration(ISymbol member, CancellationToken cancellationToken)
    {
        if (member.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        return member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) switch
        {
            VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax field } } => field,
            PropertyDeclarationSyntax property => property,
            _ => null,
        };
    }

    /// <summary>
    /// The expressions naming <paramref name="symbol"/> in the type: <c>x</c>, or <c>this.x</c> / <c>Type.x</c> as a whole.
    /// A reference through any other receiver comes back as the bare name, which no caller accepts.
    /// </summary>
    private static IEnumerable<ExpressionSyntax> References(TypeDeclarationSyntax type, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var name in type.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (name.Identifier.ValueText != symbol.Name)
            {
                continue;
            }

            var info = model.GetSymbolInfo(name, cancellationToken);
            var bound = info.Symbol ?? (info.CandidateSymbols.Length > 0 ? info.CandidateSymbols[0] : null);
            if (!SymbolEqualityComparer.Default.Equals(bound?.OriginalDefinition, symbol))
            {
                continue;
            }

            if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
            {
                yield return IsOwnReceiver(access.Expression, model, symbol.ContainingType, cancellationToken) ? access : name;
            }
            else
            {
                yield return name;
            }
        }
    }

    /// <summary>A read of the value itself: not written, not passed by reference, not under <c>nameof</c>, not through another receiver.</summary>
    private static bool IsPlainRead(ExpressionSyntax reference)
    {
        if (reference is IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax access } name && access.Name == name)
        {
            return false;
        }

        if (reference.Parent is MemberBindingExpressionSyntax or NameColonSyntax or NameEqualsSyntax)
        {
            return false;
        }

        var outer = reference;
        while (outer.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            outer = parenthesized;
        }

        switch (outer.Parent)
        {
            case AssignmentExpressionSyntax written when written.Left == outer:
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression or (int)SyntaxKind.AddressOfExpression }:
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression }:
            case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None):
            case RefExpressionSyntax:
                return false;
        }

        return !reference.Ancestors().OfType<InvocationExpressionSyntax>()
            .Any(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" });
    }

    /// <summary><c>context</c>, or a variant no name in the helper uses.</summary>
    private static string ParameterName(MethodDeclarationSyntax method)
    {
        var taken = new HashSet<string>(
            method.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText),
            StringComparer.Ordinal);
        foreach (var candidate in new[] { "context", "lambdaContext" })
        {
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }

        for (var i = 2; ; i++)
        {
            var candidate = "context" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    private sealed class Rewrite
    {
        public Rewrite(
            ISymbol field,
            ITypeSymbol contextType,
            IParameterSymbol handlerParameter,
            ExpressionStatementSyntax statement,
            MemberDeclarationSyntax declaration,
            List<Read> reads,
            List<Call> calls,
            Dictionary<IMethodSymbol, Helper> helpers)
        {
            Field = field;
            ContextType = contextType;
            HandlerParameter = handlerParameter;
            Statement = statement;
            Declaration = declaration;
            Reads = reads;
            Calls = calls;
            Helpers = helpers;
        }

        public ISymbol Field { get; }

        public ITypeSymbol ContextType { get; }

        public IParameterSymbol HandlerParameter { get; }

        public ExpressionStatementSyntax Statement { get; }

        public MemberDeclarationSyntax Declaration { get; }

        public List<Read> Reads { get; }

        public List<Call> Calls { get; }

        public Dictionary<IMethodSymbol, Helper> Helpers { get; }
    }

    private sealed class Helper
    {
        public Helper(MethodDeclarationSyntax declaration) => Declaration = declaration;

        public MethodDeclarationSyntax Declaration { get; }

        public string Name { get; set; } = "context";
    }

    private readonly struct Read
    {
        public Read(ExpressionSyntax expression, IMethodSymbol method)
        {
            Expression = expression;
            Method = method;
        }

        public ExpressionSyntax Expression { get; }

        public IMethodSymbol Method { get; }
    }

    private readonly struct Call
    {
        public Call(InvocationExpressionSyntax invocation, IMethodSymbol callee, IMethodSymbol? caller)
        {
            Invocation = invocation;
            Callee = callee;
            Caller = caller;
        }

        public InvocationExpressionSyntax Invocation { get; }

        public IMethodSymbol Callee { get; }

        public IMethodSymbol? Caller { get; }
    }
}
