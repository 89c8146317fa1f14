using System.Collections.Immutable;
using System.Composition;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.CodeFixes.Shared;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Rules.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.CodeFixes.Rules.Serialization;

/// <summary>
/// LAM0104: creates a <c>JsonSerializerContext</c> listing the handler types (a new file) and
/// switches <c>[LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]</c> or
/// <c>new DefaultLambdaJsonSerializer()</c> to <c>SourceGeneratorLambdaJsonSerializer&lt;TheContext&gt;</c>.
/// Offered for the default serializer only: the source-generated one keeps its property names, a
/// camelCase serializer would change them.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LAM0104ReflectionSerializerInTrimmedProjectCodeFix))]
[Shared]
public sealed class LAM0104ReflectionSerializerInTrimmedProjectCodeFix : CodeFixProvider
{
    public const string Title = "Use a source-generated JsonSerializerContext";

    private const string SourceGenerated = "SourceGeneratorLambdaJsonSerializer";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ReflectionSerializerInTrimmedProject);

    // Each declaration gets its own context (LambdaJsonContext, LambdaJsonContext2, ...), as fixing
    // them one by one does.
    public override FixAllProvider? GetFixAllProvider() => new SequentialFixAll(FixAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (await PlanAsync(context.Document, diagnostic.Location.SourceSpan, diagnostic, context.CancellationToken).ConfigureAwait(false) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, cancellationToken => FixAsync(context.Document, diagnostic.Location.SourceSpan, diagnostic, cancellationToken), equivalenceKey: Title),
                    diagnostic);
            }
        }
    }

    private static async Task<Solution> FixAsync(Document document, TextSpan span, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        return await PlanAsync(document, span, diagnostic, cancellationToken).ConfigureAwait(false) is { } plan
            ? await SwitchAsync(document, plan.SerializerName, plan.TypeIds, cancellationToken).ConfigureAwait(false)
            : document.Project.Solution;
    }

    /// <summary>
    /// The serializer type to replace and the handler types to list, when the fix applies: a bootstrap
    /// argument's types come with the diagnostic; an attribute's are found here, by walking the handlers
    /// that read it, which the analyzer leaves to the fix.
    /// </summary>
    private static async Task<(TypeSyntax SerializerName, string TypeIds)?> PlanAsync(Document document, TextSpan span, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null
            || !diagnostic.Properties.TryGetValue(LAM0104ReflectionSerializerInTrimmedProjectAnalyzer.IsDefaultSerializerKey, out var isDefault) || isDefault != "true")
        {
            return null;
        }

        var node = root.FindNode(span, getInnermostNodeForTie: true);
        var serializerName = node switch
        {
            AttributeSyntax attribute => FirstTypeOf(attribute),
            ObjectCreationExpressionSyntax creation => creation.Type,
            ArgumentSyntax { Expression: ObjectCreationExpressionSyntax creation } => creation.Type,
            _ => null,
        };
        if (serializerName is null)
        {
            return null;
        }

        if (!diagnostic.Properties.TryGetValue(LAM0104ReflectionSerializerInTrimmedProjectAnalyzer.TypesKey, out var typeIds)
            && node is AttributeSyntax
            && await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false) is { } compilation)
        {
            typeIds = LAM0104ReflectionSerializerInTrimmedProjectAnalyzer.HandlerTypeIds(compilation, document.Project.AnalyzerOptions, node.SyntaxTree, node.Span, cancellationToken);
        }

        return string.IsNullOrEmpty(typeIds) ? null : (serializerName, typeIds!);
    }

    private static TypeSyntax? FirstTypeOf(AttributeSyntax attribute) =>
        attribute.ArgumentList?.Arguments.Count > 0 && attribute.ArgumentList.Arguments[0].Expression is TypeOfExpressionSyntax typeOf ? typeOf.Type : null;

    private static async Task<Solution> SwitchAsync(Document document, TypeSyntax serializerName, string typeIds, CancellationToken cancellationToken)
    {
        var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null || root is null)
        {
            return document.Project.Solution;
        }

        var contextName = "LambdaJsonContext";
        for (var i = 2; compilation.GetSymbolsWithName(contextName, SymbolFilter.Type, cancellationToken).GetEnumerator().MoveNext(); i++)
        {
            contextName = "LambdaJsonContext" + i;
        }

        var generic = SyntaxFactory.GenericName(
            SyntaxFactory.Identifier(SourceGenerated),
            SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList<TypeSyntax>(SyntaxFactory.IdentifierName(contextName))));
        TypeSyntax replacement = serializerName is QualifiedNameSyntax qualified
            ? qualified.WithRight(generic)
            : generic;
        var solution = document.WithSyntaxRoot(root.ReplaceNode(serializerName, replacement.WithTriviaFrom(serializerName))).Project.Solution;

        var source = new StringBuilder();
        source.Append("using System.Text.Json.Serialization;\n\n");
        foreach (var id in typeIds.Split(LAM0104ReflectionSerializerInTrimmedProjectAnalyzer.Separator))
        {
            if (DocumentationCommentId.GetFirstSymbolForReferenceId(id, compilation) is ITypeSymbol type)
            {
                source.Append("[JsonSerializable(typeof(").Append(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).Append("))]\n");
            }
        }

        source.Append("internal partial class ").Append(contextName).Append(" : JsonSerializerContext\n{\n}\n");
        var project = solution.GetProject(document.Project.Id)!;
        return project.AddDocument(contextName + ".cs", source.ToString(), document.Folders).Project.Solution;
    }
}
