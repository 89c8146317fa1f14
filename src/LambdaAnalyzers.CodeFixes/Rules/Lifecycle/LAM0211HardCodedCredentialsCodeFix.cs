using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Operations;
using LambdaAnalyzers.Rules.Lifecycle;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.CodeFixes.Rules.Lifecycle;

/// <summary>
/// LAM0211: drops literal credentials from an SDK client's construction so the client falls back
/// to the default credential chain: <c>new AmazonS3Client(new BasicAWSCredentials("…", "…"))</c>
/// becomes <c>new AmazonS3Client()</c>, <c>new AmazonS3Client("…", "…", config)</c> becomes
/// <c>new AmazonS3Client(config)</c>. Offered only when the remaining arguments still pick a
/// constructor; a credentials object kept in a variable needs a human.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LAM0211HardCodedCredentialsCodeFix))]
[Shared]
public sealed class LAM0211HardCodedCredentialsCodeFix : CodeFixProvider
{
    public const string Title = "Use the default AWS credential chain";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.HardCodedCredentials);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var plan = PlanFix(node, model, context.CancellationToken);
            if (plan is null)
            {
                continue;
            }

            var (client, replacement) = plan.Value;
            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(client, replacement))),
                    equivalenceKey: Title),
                diagnostic);
        }
    }

    /// <summary>The client creation to rewrite and its rewritten form, or null when no mechanical fix exists.</summary>
    private static (BaseObjectCreationExpressionSyntax Client, BaseObjectCreationExpressionSyntax Replacement)? PlanFix(
        SyntaxNode node,
        SemanticModel model,
        CancellationToken cancellationToken)
    {
        if (node is not BaseObjectCreationExpressionSyntax reported)
        {
            return null;
        }

        var sdk = WellKnownTypes.For(model.Compilation).AwsSdk;
        if (model.GetOperation(reported, cancellationToken) is not IObjectCreationOperation reportedCreation)
        {
            return null;
        }

        IObjectCreationOperation client;
        HashSet<SyntaxNode> dropped;
        if (sdk.IsServiceClient(reportedCreation.Type))
        {
            client = reportedCreation;
            dropped = new HashSet<SyntaxNode>(client.Arguments
                .Where(a => !a.IsImplicit && AwsCredentialValues.IsCredentialParameter(a.Parameter))
                .Select(a => a.Syntax));
        }
        else if (reportedCreation.ParentSkippingImplicitConversions() is IArgumentOperation { Parent: IObjectCreationOperation owner } credentialsArgument
            && sdk.IsServiceClient(owner.Type))
        {
            client = owner;
            dropped = new HashSet<SyntaxNode> { credentialsArgument.Syntax };
        }
        else
        {
            return null;
        }

        var clientSyntax = (BaseObjectCreationExpressionSyntax)client.Syntax;
        if (clientSyntax.ArgumentList is not { } arguments || dropped.Count == 0)
        {
            return null;
        }

        var kept = SyntaxFactory.SeparatedList(arguments.Arguments.Where(a => !dropped.Contains(a)));
        var replacement = clientSyntax.WithArgumentList(arguments.WithArguments(kept));
        return BindsToConstructor(model, clientSyntax, replacement) ? (clientSyntax, replacement) : null;
    }

    private static bool BindsToConstructor(SemanticModel model, ExpressionSyntax original, ExpressionSyntax replacement)
    {
        var info = model.GetSpeculativeSymbolInfo(original.SpanStart, replacement, SpeculativeBindingOption.BindAsExpression);
        return info.Symbol is IMethodSymbol { MethodKind: MethodKind.Constructor };
    }
}
