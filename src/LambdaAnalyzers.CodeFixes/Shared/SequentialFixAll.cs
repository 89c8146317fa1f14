using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.CodeFixes.Shared;

/// <summary>
/// Fix All for fixes whose single fix changes the solution beyond the diagnostic's document (LAM0102
/// edits the context's declaration wherever it is, LAM0104 adds a context file), which the
/// document-level batch fixer (Shared/BatchCodeFix) cannot express: the single fix is applied to
/// each diagnostic in turn, in document order, on the solution the previous ones produced, with
/// the diagnostic's span moved past the text earlier fixes inserted into its document. The result
/// is exactly what fixing the diagnostics one by one gives.
/// </summary>
internal sealed class SequentialFixAll : FixAllProvider
{
    private readonly FixOne _fix;

    public SequentialFixAll(FixOne fix) => _fix = fix;

    /// <summary>Fixes one diagnostic whose location, in <paramref name="document"/> as it is now, is <paramref name="span"/>.</summary>
    public delegate Task<Solution> FixOne(Document document, TextSpan span, Diagnostic diagnostic, CancellationToken cancellationToken);

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
        new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var diagnostics = await CollectAsync(fixAllContext).ConfigureAwait(false);
        if (diagnostics.IsEmpty)
        {
            return null;
        }

        var original = fixAllContext.Solution;
        return CodeAction.Create(
            fixAllContext.CodeActionEquivalenceKey ?? "Fix all",
            cancellationToken => ApplyAsync(original, diagnostics, cancellationToken),
            fixAllContext.CodeActionEquivalenceKey);
    }

    private async Task<Solution> ApplyAsync(Solution original, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var solution = original;
        var ordered = diagnostics
            .Where(d => d.Location.IsInSource)
            .OrderBy(d => d.Location.SourceTree!.FilePath, System.StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start);
        foreach (var diagnostic in ordered)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (original.GetDocument(diagnostic.Location.SourceTree) is not { } before
                || solution.GetDocument(before.Id) is not { } now)
            {
                continue;
            }

            var span = diagnostic.Location.SourceSpan;
            foreach (var change in await now.GetTextChangesAsync(before, cancellationToken).ConfigureAwait(false))
            {
                if (change.Span.End <= span.Start)
                {
                    span = new TextSpan(span.Start + (change.NewText?.Length ?? 0) - change.Span.Length, span.Length);
                }
            }

            solution = await _fix(now, span, diagnostic, cancellationToken).ConfigureAwait(false);
        }

        return solution;
    }

    private static async Task<ImmutableArray<Diagnostic>> CollectAsync(FixAllContext context)
    {
        switch (context.Scope)
        {
            case FixAllScope.Document when context.Document is { } document:
                return await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
            case FixAllScope.Project:
                return await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false);
            case FixAllScope.Solution:
                var all = ImmutableArray.CreateBuilder<Diagnostic>();
                foreach (var project in context.Solution.Projects)
                {
                    all.AddRange(await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                }

                return all.ToImmutable();
            default:
                return ImmutableArray<Diagnostic>.Empty;
        }
    }
}
