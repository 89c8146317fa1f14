using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using LambdaAnalyzers.Rules.Handlers;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LambdaAnalyzers.Tests.RealWorld;

/// <summary>
/// Runs every analyzer of the package over a project shaped like the public function repositories
/// docs/real-world-patterns.md describes, as a user would see it: sources mark what each rule
/// reports with <c>{|LAMxxxx:…|}</c>, config-file findings are listed with their spans, and any
/// other diagnostic of any rule fails the test.
/// </summary>
internal static class RealWorldProject
{
    /// <summary>The compilation's assembly name in every test (the testing library's default).</summary>
    public const string Assembly = "TestProject";

    public static Test Library(string projectDir, string source) => new(source, OutputKind.DynamicallyLinkedLibrary, Properties(projectDir, "Library", Assembly));

    public static Test Executable(string projectDir, string source, string assemblyName = Assembly, bool publishAot = false) =>
        new(source, OutputKind.ConsoleApplication, Properties(projectDir, "Exe", assemblyName, publishAot));

    /// <summary>
    /// A config-file finding: <paramref name="id"/> on the first occurrence of <paramref name="value"/>
    /// in <paramref name="text"/> that is not the start of a longer name (<c>::Handle</c> is not found in <c>::Handler</c>).
    /// </summary>
    public static DiagnosticResult At(string id, DiagnosticSeverity severity, string path, string text, string value)
    {
        var index = text.IndexOf(value, StringComparison.Ordinal);
        while (index >= 0 && index + value.Length < text.Length && char.IsLetterOrDigit(text[index + value.Length]))
        {
            index = text.IndexOf(value, index + 1, StringComparison.Ordinal);
        }

        if (index < 0)
        {
            throw new ArgumentException($"'{value}' is not in {path}", nameof(value));
        }

        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = index - lineStart + 1;
        return new DiagnosticResult(id, severity).WithSpan(path, line, column, line, column + value.Length);
    }

    private static (string Property, string Value)[] Properties(string projectDir, string outputType, string assemblyName, bool publishAot = false)
    {
        var properties = new List<(string, string)>
        {
            ("ProjectDir", projectDir),
            ("OutputType", outputType),
            ("AssemblyName", assemblyName),
            ("TargetFramework", "net8.0"),
        };
        if (publishAot)
        {
            properties.Add(("PublishAot", "true"));
        }

        return properties.ToArray();
    }

    /// <summary>
    /// Every analyzer at once. The type argument only satisfies the testing library's generic
    /// signature: <see cref="GetDiagnosticAnalyzers"/> replaces it with the whole catalog.
    /// </summary>
    public sealed class Test : CSharpAnalyzerTest<LAM0001UnknownHandlerAnalyzer, DefaultVerifier>
    {
        public Test(string source, OutputKind kind, (string Property, string Value)[] properties)
        {
            ReferenceAssemblies = TestReferences.Empty;
            TestState.AdditionalReferences.AddRange(TestReferences.LambdaProject);
            TestState.OutputKind = kind;
            TestState.Sources.Add(source);
            TestState.AnalyzerConfigFiles.Add(TestProjects.GlobalConfig(properties));
        }

        public Test WithFile(string path, string text)
        {
            TestState.AdditionalFiles.Add((path, text));
            return this;
        }

        public Task VerifyAsync(params DiagnosticResult[] expected)
        {
            ExpectedDiagnostics.AddRange(expected);
            return RunAsync();
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => RuleCatalog.Analyzers;
    }
}
