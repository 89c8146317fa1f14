using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.CodeFixes.Shared;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Rules.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.CodeFixes.Rules.Serialization;

/// <summary>LAM0102: adds <c>[JsonSerializable(typeof(T))]</c> for the missing type to the context's declaration.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LAM0102TypeMissingFromContextCodeFix))]
[Shared]
public sealed class LAM0102TypeMissingFromContextCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.TypeMissingFromContext);

    private const string Title = "Add [JsonSerializable] for the missing type";

    // Several missing types may land in the same context declaration, possibly in another document:
    // Fix All adds them one after the other.
    public override FixAllProvider? GetFixAllProvider() =>
        new SequentialFixAll((document, _, diagnostic, cancellationToken) => FixAsync(document, diagnostic, cancellationToken));

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Ids(diagnostic) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, cancellationToken => FixAsync(context.Document, diagnostic, cancellationToken), equivalenceKey: Title),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static (string ContextId, string TypeId)? Ids(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(LAM0102TypeMissingFromContextAnalyzer.ContextKey, out var contextId) && contextId is not null
        && diagnostic.Properties.TryGetValue(LAM0102TypeMissingFromContextAnalyzer.TypeKey, out var typeId) && typeId is not null
            ? (contextId, typeId)
            : null;

    private static Task<Solution> FixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        Ids(diagnostic) is { } ids
            ? AddAsync(document, ids.ContextId, ids.TypeId, cancellationToken)
            : Task.FromResult(document.Project.Solution);

    private static async Task<Solution> AddAsync(Document document, string contextId, string typeId, CancellationToken cancellationToken)
    {
        var solution = document.Project.Solution;
        var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null
            || DocumentationCommentId.GetFirstSymbolForDeclarationId(contextId, compilation) is not INamedTypeSymbol jsonContext
            || DocumentationCommentId.GetFirstSymbolForReferenceId(typeId, compilation) is not ITypeSymbol type)
        {
            return solution;
        }

        var serializable = WellKnownTypes.Find(compilation, "System.Text.Json.Serialization.JsonSerializableAttribute");
        foreach (var listed in jsonContext.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(listed.AttributeClass, serializable)
                && listed.ConstructorArguments.Length > 0
                && SymbolEqualityComparer.Default.Equals(listed.ConstructorArguments[0].Value as ITypeSymbol, type))
            {
                // Already added for another handler (Fix All, or two handlers sharing the type).
                return solution;
            }
        }

        foreach (var reference in jsonContext.DeclaringSyntaxReferences)
        {
            if (await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not ClassDeclarationSyntax declaration
                || solution.GetDocument(reference.SyntaxTree) is not { } target)
            {
                continue;
            }

            var semanticModel = await target.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (semanticModel is null)
            {
                return solution;
            }

            var text = await target.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var typeName = type.ToMinimalDisplayString(semanticModel, declaration.SpanStart);
            var attributeName = ExistingAttributeName(declaration) ?? "System.Text.Json.Serialization.JsonSerializable";
            var line = text.Lines.GetLineFromPosition(declaration.SpanStart);
            var indentation = text.ToString(TextSpan.FromBounds(line.Start, line.Start + (line.ToString().Length - line.ToString().TrimStart().Length)));
            var newLine = line.EndIncludingLineBreak > line.End ? text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak)) : "\n";
            var insertion = declaration.AttributeLists.Count > 0
                ? new TextChange(new TextSpan(declaration.AttributeLists.Last().Span.End, 0), newLine + indentation + "[" + attributeName + "(typeof(" + typeName + "))]")
                : new TextChange(new TextSpan(line.Start, 0), indentation + "[" + attributeName + "(typeof(" + typeName + "))]" + newLine);
            return solution.WithDocumentText(target.Id, text.WithChanges(insertion));
        }

        return solution;
    }

    private static string? ExistingAttributeName(ClassDeclarationSyntax declaration)
    {
        foreach (var list in declaration.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                var name = attribute.Name.ToString();
                if (name.EndsWith("JsonSerializable", System.StringComparison.Ordinal) || name.EndsWith("JsonSerializableAttribute", System.StringComparison.Ordinal))
                {
                    return name;
                }
            }
        }

        return null;
    }
}
