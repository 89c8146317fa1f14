using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LambdaAnalyzers.Tests.Rules.Deployment;

/// <summary>Runs a config-file rule over AdditionalFiles of a project in <see cref="ProjectDir"/>.</summary>
internal static class ConfigFileTest
{
    public const string ProjectDir = "/repo/src/Function/";

    /// <summary>A file in the project folder.</summary>
    public static string InProject(string fileName) => ProjectDir + fileName;

    /// <summary>MSBuild facts of an ordinary class-library function project targeting net8.0.</summary>
    public static readonly (string Property, string Value)[] LibraryProject =
    {
        ("ProjectDir", ProjectDir),
        ("OutputType", "Library"),
        ("AssemblyName", "Function"),
        ("TargetFramework", "net8.0"),
    };

    public static Task VerifyAsync<TAnalyzer>((string Path, string Content)[] files, DiagnosticResult[] expected, (string Property, string Value)[]? properties = null, bool annotations = true)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new AnalyzerVerifier<TAnalyzer>.Test { TestCode = "public class Function { }" };
        if (!annotations)
        {
            // A project without Amazon.Lambda.Annotations: the test's references minus the Annotations stand-in.
            test.TestState.AdditionalReferences.Clear();
            test.TestState.AdditionalReferences.AddRange(TestReferences.LambdaProject.Where(r => !r.Display!.EndsWith("Amazon.Lambda.Annotations.dll", System.StringComparison.Ordinal)));
        }

        foreach (var file in files)
        {
            test.TestState.AdditionalFiles.Add((file.Path, file.Content));
        }

        test.TestState.AnalyzerConfigFiles.Add(TestProjects.GlobalConfig(properties ?? LibraryProject));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static Task VerifyAsync<TAnalyzer>(string path, string content, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        VerifyAsync<TAnalyzer>(new[] { (path, content) }, expected);
}
