using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Tests.Serialization;

/// <summary>
/// Applies a rule's real code fix the way an IDE user would: one diagnostic at a time, the fix's
/// only code action, until the analyzer reports nothing more. Shared by the tests that prove a fix
/// makes the serializer round trip (in memory and through a nested build).
/// </summary>
internal static class FixRunner
{
    public static async Task<Project> FixAllAsync(Project project, DiagnosticAnalyzer analyzer, CodeFixProvider fix, IReadOnlyDictionary<string, string> buildProperties)
    {
        for (var round = 0; round < 10; round++)
        {
            var diagnostics = await DiagnosticsAsync(project, analyzer, buildProperties);
            if (diagnostics.IsEmpty)
            {
                return project;
            }

            var diagnostic = diagnostics[0];
            var document = project.GetDocument(diagnostic.Location.SourceTree)!;
            var actions = new List<CodeAction>();
            await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            var operations = await Assert.Single(actions).GetOperationsAsync(CancellationToken.None);
            project = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(project.Id)!;
        }

        throw new InvalidOperationException("The fix did not converge.");
    }

    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project, DiagnosticAnalyzer analyzer, IReadOnlyDictionary<string, string> buildProperties)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new TestBuildProperties(buildProperties));
        return await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options).GetAnalyzerDiagnosticsAsync();
    }
}
