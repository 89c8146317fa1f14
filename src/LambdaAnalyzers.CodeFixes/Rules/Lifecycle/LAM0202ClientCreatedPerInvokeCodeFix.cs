using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.CodeFixes.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace LambdaAnalyzers.CodeFixes.Rules.Lifecycle;

/// <summary>
/// LAM0202: moves a client created per invoke into a field created once, keeping its arguments:
/// a <c>private static readonly</c> field, or — when the arguments read instance members — a
/// <c>private readonly</c> field assigned in every constructor. A local that only held the client
/// is replaced by the field, and the <c>using</c> around it goes (the shared client must not be
/// disposed). Arguments that use the handler's parameters or locals cannot move to Init: no fix.
/// Fix All creates one field per distinct creation in each type.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LAM0202ClientCreatedPerInvokeCodeFix))]
[Shared]
public sealed class LAM0202ClientCreatedPerInvokeCodeFix : CodeFixProvider
{
    public const string Title = "Create the client once and reuse it";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ClientCreatedPerInvoke);

    public override FixAllProvider GetFixAllProvider() => BatchCodeFix.FixAll(FixAsync);

    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        BatchCodeFix.RegisterAsync(context, Title, BatchCodeFix.When((root, model, diagnostic, ct) => Plan(root, model, diagnostic, ct) is not null), FixAsync);

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var groups = new Dictionary<(TypeDeclarationSyntax, string, bool), List<Hoist>>();
        var order = new List<(TypeDeclarationSyntax, string, bool)>();
        foreach (var diagnostic in diagnostics)
        {
            if (Plan(root, model, diagnostic, cancellationToken) is not { } hoist)
            {
                continue;
            }

            var key = (hoist.Type, hoist.Creation.WithoutTrivia().NormalizeWhitespace().ToFullString(), hoist.Instance);
            if (!groups.TryGetValue(key, out var members))
            {
                members = new List<Hoist>();
                groups.Add(key, members);
                order.Add(key);
            }

            members.Add(hoist);
        }

        if (order.Count == 0)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var taken = new Dictionary<TypeDeclarationSyntax, HashSet<string>>();
        var fieldsAdded = new Dictionary<TypeDeclarationSyntax, int>();
        foreach (var key in order)
        {
            var hoists = groups[key];
            var first = hoists[0];
            if (!taken.TryGetValue(first.Type, out var names))
            {
                names = new HashSet<string>(model.GetDeclaredSymbol(first.Type, cancellationToken)?.MemberNames ?? Array.Empty<string>(), StringComparer.Ordinal);
                taken.Add(first.Type, names);
            }

            if (!first.Instance && ExistingField(first.Type, key.Item2) is { } existing)
            {
                foreach (var hoist in hoists)
                {
                    UseField(editor, model, hoist, existing, cancellationToken);
                }

                continue;
            }

            var name = Unique(FieldName(first), names);
            var typeSyntax = SyntaxFactory.ParseTypeName(first.FieldType.ToMinimalDisplayString(model, first.Creation.SpanStart)).WithAdditionalAnnotations(Simplifier.Annotation);
            var creation = first.Creation.WithoutTrivia();
            var index = LeadingFields(first.Type) + (fieldsAdded.TryGetValue(first.Type, out var added) ? added : 0);
            fieldsAdded[first.Type] = index + 1;
            if (first.Instance)
            {
                editor.InsertMembers(first.Type, index, new[] { Field(typeSyntax, name, isStatic: false, initializer: null) });
                AssignInConstructors(editor, first.Type, name, creation, index + 1);
            }
            else
            {
                editor.InsertMembers(first.Type, index, new[] { Field(typeSyntax, name, isStatic: true, creation) });
            }

            foreach (var hoist in hoists)
            {
                UseField(editor, model, hoist, name, cancellationToken);
            }
        }

        var changed = editor.GetChangedDocument();
        changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A <c>static readonly</c> field of the type already created the same way: reused, so identical clients share one field.</summary>
    private static string? ExistingField(TypeDeclarationSyntax type, string creationText)
    {
        foreach (var member in type.Members)
        {
            if (member is FieldDeclarationSyntax { Declaration.Variables: { Count: 1 } variables } field
                && field.Modifiers.Any(SyntaxKind.StaticKeyword)
                && field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword)
                && variables[0].Initializer?.Value is { } value
                && value.WithoutTrivia().NormalizeWhitespace().ToFullString() == creationText)
            {
                return variables[0].Identifier.ValueText;
            }
        }

        return null;
    }

    private static FieldDeclarationSyntax Field(TypeSyntax type, string name, bool isStatic, ExpressionSyntax? initializer)
    {
        var modifiers = isStatic
            ? SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword), SyntaxFactory.Token(SyntaxKind.StaticKeyword), SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword))
            : SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword), SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword));
        var declarator = SyntaxFactory.VariableDeclarator(name);
        if (initializer is not null)
        {
            declarator = declarator.WithInitializer(SyntaxFactory.EqualsValueClause(initializer));
        }

        return SyntaxFactory.FieldDeclaration(SyntaxFactory.VariableDeclaration(type, SyntaxFactory.SingletonSeparatedList(declarator)))
            .WithModifiers(modifiers)
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>New fields go after the fields the type starts with, in the order they are created.</summary>
    private static int LeadingFields(TypeDeclarationSyntax type)
    {
        var count = 0;
        while (count < type.Members.Count && type.Members[count] is FieldDeclarationSyntax)
        {
            count++;
        }

        return count;
    }

    private static void AssignInConstructors(DocumentEditor editor, TypeDeclarationSyntax type, string name, ExpressionSyntax creation, int constructorIndex)
    {
        var assignment = SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(name), creation)).WithAdditionalAnnotations(Formatter.Annotation);
        var any = false;
        foreach (var member in type.Members)
        {
            if (member is not ConstructorDeclarationSyntax constructor || constructor.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                continue;
            }

            any = true;
            if (constructor.Initializer is { ThisOrBaseKeyword.RawKind: (int)SyntaxKind.ThisKeyword } || constructor.Body is null)
            {
                continue;
            }

            editor.ReplaceNode(constructor.Body, (current, _) =>
            {
                var body = (BlockSyntax)current;
                // Last, so the members the arguments read are already set.
                return body.WithStatements(body.Statements.Add(assignment));
            });
        }

        if (!any)
        {
            var constructor = SyntaxFactory.ConstructorDeclaration(type.Identifier.WithoutTrivia())
                .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PublicKeyword)))
                .WithBody(SyntaxFactory.Block(assignment))
                .WithAdditionalAnnotations(Formatter.Annotation);
            editor.InsertMembers(type, constructorIndex, new[] { constructor });
        }
    }

    /// <summary>Replaces the creation with the field; a local that only held it becomes the field.</summary>
    private static void UseField(DocumentEditor editor, SemanticModel model, Hoist hoist, string name, CancellationToken cancellationToken)
    {
        var field = SyntaxFactory.IdentifierName(name);
        if (hoist.Creation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            && declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1 } declaration
            && model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol local)
        {
            var scope = declaration.Parent?.Parent;
            if (scope is not null && !IsWritten(scope, local, model, cancellationToken))
            {
                foreach (var identifier in scope.DescendantNodes())
                {
                    if (identifier is IdentifierNameSyntax reference && reference.Identifier.ValueText == local.Name
                        && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(reference, cancellationToken).Symbol, local))
                    {
                        editor.ReplaceNode(reference, field.WithTriviaFrom(reference));
                    }
                }

                switch (declaration.Parent)
                {
                    case LocalDeclarationStatementSyntax statement:
                        editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
                        return;
                    case UsingStatementSyntax { Statement: { } body } usingStatement:
                        editor.ReplaceNode(usingStatement, (current, _) => ((UsingStatementSyntax)current).Statement.WithTriviaFrom(current).WithAdditionalAnnotations(Formatter.Annotation));
                        return;
                }
            }

            editor.ReplaceNode(hoist.Creation, field.WithTriviaFrom(hoist.Creation));
            if (declaration.Parent is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } usingDeclaration)
            {
                editor.ReplaceNode(usingDeclaration, (current, _) => ((LocalDeclarationStatementSyntax)current)
                    .WithUsingKeyword(default).WithAwaitKeyword(default).WithLeadingTrivia(current.GetLeadingTrivia()));
            }

            return;
        }

        editor.ReplaceNode(hoist.Creation, field.WithTriviaFrom(hoist.Creation));
    }

    private static bool IsWritten(SyntaxNode scope, ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var node in scope.DescendantNodes())
        {
            var target = node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword } argument => argument.Expression,
                _ => null,
            };
            if (target is IdentifierNameSyntax name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local))
            {
                return true;
            }
        }

        return false;
    }

    private static Hoist? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        while (node is ParenthesizedExpressionSyntax or ArgumentSyntax)
        {
            node = node is ArgumentSyntax argument ? argument.Expression : ((ParenthesizedExpressionSyntax)node).Expression;
        }

        if (node is not (BaseObjectCreationExpressionSyntax or InvocationExpressionSyntax) || node is not ExpressionSyntax creation
            || creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type
            || type is StructDeclarationSyntax or InterfaceDeclarationSyntax
            || model.GetTypeInfo(creation, cancellationToken).Type is not { } fieldType
            || fieldType.TypeKind == TypeKind.Error)
        {
            return null;
        }

        var instance = false;
        foreach (var descendant in creation.DescendantNodesAndSelf())
        {
            switch (descendant)
            {
                case AwaitExpressionSyntax:
                    return null;
                case ThisExpressionSyntax or BaseExpressionSyntax:
                    instance = true;
                    break;
                case SimpleNameSyntax name when !IsQualifiedName(name):
                    switch (model.GetSymbolInfo(name, cancellationToken).Symbol)
                    {
                        case ILocalSymbol or IParameterSymbol or IRangeVariableSymbol when !Declares(creation, model.GetSymbolInfo(name, cancellationToken).Symbol!):
                            return null;
                        case ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method }:
                            return null;
                        case IFieldSymbol or IPropertySymbol or IMethodSymbol or IEventSymbol when model.GetSymbolInfo(name, cancellationToken).Symbol is { IsStatic: false } member
                            && member.ContainingType?.TypeKind != TypeKind.Error
                            && !(member is IMethodSymbol { MethodKind: MethodKind.Constructor })
                            && !IsInitializerTarget(name):
                            instance = true;
                            break;
                    }

                    break;
            }
        }

        if (instance && (type.Modifiers.Any(SyntaxKind.StaticKeyword) || HasExpressionBodiedConstructor(type)))
        {
            return null;
        }

        return new Hoist(type, creation, instance, fieldType);
    }

    /// <summary><c>X</c> in <c>a.X</c> (its receiver is checked on its own) — not in <c>this.X</c>.</summary>
    private static bool IsQualifiedName(SimpleNameSyntax name) =>
        (name.Parent is MemberAccessExpressionSyntax access && access.Name == name && access.Expression is not ThisExpressionSyntax)
        || (name.Parent is QualifiedNameSyntax qualified && qualified.Right == name)
        || name.Parent is MemberBindingExpressionSyntax;

    /// <summary><c>WriteIndented</c> in <c>new JsonSerializerOptions { WriteIndented = true }</c>: a member of the new object.</summary>
    private static bool IsInitializerTarget(SimpleNameSyntax name) =>
        name.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } assignment && assignment.Left == name;

    private static bool Declares(SyntaxNode creation, ISymbol symbol)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource && creation.Span.Contains(location.SourceSpan))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasExpressionBodiedConstructor(TypeDeclarationSyntax type)
    {
        foreach (var member in type.Members)
        {
            if (member is ConstructorDeclarationSyntax { Body: null } constructor && !constructor.Modifiers.Any(SyntaxKind.StaticKeyword)
                && constructor.Initializer is not { ThisOrBaseKeyword.RawKind: (int)SyntaxKind.ThisKeyword })
            {
                return true;
            }
        }

        return false;
    }

    private static string FieldName(Hoist hoist)
    {
        var baseName = hoist.Creation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            ? declarator.Identifier.ValueText.TrimStart('_', '@')
            : TypeBasedName(hoist.FieldType);
        if (baseName.Length == 0)
        {
            baseName = "Client";
        }

        if (hoist.Instance)
        {
            return "_" + char.ToLowerInvariant(baseName[0]) + baseName.Substring(1);
        }

        // A field named like the type, or like a name the creation uses (LoggerFactory.Create(…)),
        // would hide that name inside its own initializer.
        var pascal = char.ToUpperInvariant(baseName[0]) + baseName.Substring(1);
        return pascal == hoist.FieldType.Name || UsesName(hoist.Creation, pascal) ? "Shared" + pascal : pascal;
    }

    private static bool UsesName(ExpressionSyntax creation, string name)
    {
        foreach (var node in creation.DescendantNodesAndSelf())
        {
            if (node is SimpleNameSyntax simple && simple.Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>AmazonS3Client</c> → <c>S3Client</c>; <c>IConfigurationRoot</c> → <c>Configuration</c>.</summary>
    private static string TypeBasedName(ITypeSymbol type)
    {
        var name = type.Name;
        if (name.StartsWith("Amazon", StringComparison.Ordinal) && name.Length > 6 && char.IsUpper(name[6]))
        {
            name = name.Substring(6);
        }

        if (type.TypeKind == TypeKind.Interface && name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            name = name.Substring(1);
        }

        return name.EndsWith("Root", StringComparison.Ordinal) ? name.Substring(0, name.Length - 4) : name;
    }

    private static string Unique(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 2; taken.Contains(candidate); i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        taken.Add(candidate);
        return candidate;
    }

    private sealed class Hoist
    {
        public Hoist(TypeDeclarationSyntax type, ExpressionSyntax creation, bool instance, ITypeSymbol fieldType)
        {
            Type = type;
            Creation = creation;
            Instance = instance;
            FieldType = fieldType;
        }

        public TypeDeclarationSyntax Type { get; }

        public ExpressionSyntax Creation { get; }

        public bool Instance { get; }

        public ITypeSymbol FieldType { get; }
    }
}
