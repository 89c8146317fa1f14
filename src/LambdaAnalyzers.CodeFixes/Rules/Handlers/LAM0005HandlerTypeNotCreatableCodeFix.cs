using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LambdaAnalyzers.CodeFixes.Rules.Handlers;

/// <summary>
/// LAM0005, where the fix is obvious: the handler class already declares a parameterless
/// constructor, but not a public one; make it public. Other cases (generic or abstract types, no
/// parameterless constructor at all) need a design decision and get no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LAM0005HandlerTypeNotCreatableCodeFix))]
[Shared]
public sealed class LAM0005HandlerTypeNotCreatableCodeFix : CodeFixProvider
{
    public const string Title = "Make the parameterless constructor public";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.HandlerTypeNotCreatable);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var type = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            var constructor = type?.Members.OfType<ConstructorDeclarationSyntax>()
                .FirstOrDefault(c => c.ParameterList.Parameters.Count == 0 && !c.Modifiers.Any(SyntaxKind.StaticKeyword));
            if (root is null || constructor is null || constructor.Modifiers.Any(SyntaxKind.PublicKeyword))
            {
                continue;
            }

            var kept = constructor.Modifiers.Where(m => !m.IsKind(SyntaxKind.PrivateKeyword) && !m.IsKind(SyntaxKind.ProtectedKeyword) && !m.IsKind(SyntaxKind.InternalKeyword));
            var leading = constructor.Modifiers.Count > 0 ? constructor.Modifiers[0].LeadingTrivia : constructor.Identifier.LeadingTrivia;
            var modifiers = SyntaxFactory.TokenList(
                new[] { SyntaxFactory.Token(SyntaxKind.PublicKeyword).WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.Space) }.Concat(kept));
            var fixedConstructor = constructor.WithModifiers(modifiers).WithIdentifier(constructor.Identifier.WithLeadingTrivia());
            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(constructor, fixedConstructor))),
                    equivalenceKey: Title),
                diagnostic);
        }
    }
}
