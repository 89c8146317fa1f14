using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.Tests.Infrastructure;

/// <summary>
/// Applies a code fix to a diagnostic in a configuration file (an additional document). The Roslyn
/// test framework only fixes diagnostics in source documents, so this runs the analyzer and the
/// fix in a workspace itself, the way the IDE does.
/// </summary>
internal static class ConfigFileFixRunner
{
    /// <summary>The additional file's text after applying the code action at <paramref name="actionIndex"/>.</summary>
    public static async Task<string> FixAsync(
        DiagnosticAnalyzer analyzer,
        CodeFixProvider fix,
        string source,
        string path,
        string config,
        int actionIndex = 0,
        IReadOnlyDictionary<string, string>? buildProperties = null)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "TestProject",
                "TestProject",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                metadataReferences: TestReferences.LambdaProject))
            .AddDocument(DocumentId.CreateNewId(projectId), "Test0.cs", SourceText.From(source))
            .AddAdditionalDocument(DocumentId.CreateNewId(projectId), "aws-config", SourceText.From(config), filePath: path);
        var project = solution.GetProject(projectId)!;
        var compilation = (await project.GetCompilationAsync())!;
        var additionalDocument = project.AdditionalDocuments.Single();
        var options = new AnalyzerOptions(
            ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText(path, config)),
            new TestBuildProperties(buildProperties ?? new Dictionary<string, string>()));
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options).GetAnalyzerDiagnosticsAsync();
        var diagnostic = Assert.Single(diagnostics);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(additionalDocument, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context);
        var operations = await actions[actionIndex].GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (await changed.GetAdditionalDocument(additionalDocument.Id)!.GetTextAsync()).ToString();
    }
}
