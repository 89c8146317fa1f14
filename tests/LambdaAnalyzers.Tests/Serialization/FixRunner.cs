using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
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
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new BuildProperties(buildProperties));
        return await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options).GetAnalyzerDiagnosticsAsync();
    }

    /// <summary>MSBuild properties as the package's build props hand them to analyzers (build_property.*).</summary>
    private sealed class BuildProperties : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global;

        public BuildProperties(IReadOnlyDictionary<string, string> properties) => _global = new Options(properties);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());

            private readonly IReadOnlyDictionary<string, string> _properties;

            public Options(IReadOnlyDictionary<string, string> properties) => _properties = properties;

            public override bool TryGetValue(string key, out string value)
            {
                const string Prefix = "build_property.";
                if (key.StartsWith(Prefix, StringComparison.Ordinal) && _properties.TryGetValue(key.Substring(Prefix.Length), out var found))
                {
                    value = found;
                    return true;
                }

                value = "";
                return false;
            }
        }
    }
}
