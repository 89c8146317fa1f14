using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Package.Tests;

/// <summary>
/// Repositories laid out as their tools lay them out, built from the packed packages with no
/// AdditionalFiles line written by the user: each function project reports the misuse planted in
/// it, at its line and column in the deployment file the package found on its own; the other
/// function's project, the test project and the library with no Lambda code report nothing.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class RepositoryLayoutTests
{
    private static readonly Regex DiagnosticLine = new(
        @"^[ \t]*(?<file>[^\s(][^\r\n(]*)\((?<line>\d+),(?<column>\d+)\): (?<severity>error|warning) (?<id>LAM\d{4}): (?<message>[^\r\n]*) \[(?<project>[^\]\r\n]+?)(::[^\]\r\n]*)?\][ \t]*\r?$",
        RegexOptions.Multiline);

    private readonly PackedPackages _packages;

    public RepositoryLayoutTests(PackedPackages packages) => _packages = packages;

    [Fact]
    public async Task Sam_init_layout_reports_each_functions_own_misuse_in_the_root_template()
    {
        var repository = await Repository("Sam");
        var template = Path.Combine(repository.Root, "template.yaml");
        AssertDiagnostics(
            repository,
            Expected("HelloWorld", "LAM0001", template, "HelloWorld::HelloWorld.Function::FunctionHandlr", "did you mean 'FunctionHandler'?"),
            Expected("HelloWorld", "LAM0302", template, "AWS_REGION", "'AWS_REGION' is reserved by Lambda"),
            Expected("Orders", "LAM0301", template, "1200", "Timeout is 1200 seconds"));
    }

    [Fact]
    public async Task Serverless_framework_layout_reports_each_functions_own_misuse_in_serverless_yml()
    {
        var repository = await Repository("Serverless");
        var serverless = Path.Combine(repository.Root, "serverless.yml");
        AssertDiagnostics(
            repository,
            Expected("CreateOrder", "LAM0001", serverless, "CreateOrder::CreateOrder.Function::Hanlde", "did you mean 'Handle'?"),
            Expected("CreateOrder", "LAM0302", serverless, "_HANDLER", "'_HANDLER' is reserved by Lambda"),
            Expected("Reports", "LAM0301", serverless, "1000", "timeout is 1000 seconds"));
    }

    [Fact]
    public async Task Terraform_layout_reports_each_functions_own_misuse_in_the_infra_folder()
    {
        var repository = await Repository("Terraform");
        var main = Path.Combine(repository.Root, "infra", "main.tf");
        AssertDiagnostics(
            repository,
            Expected("Orders", "LAM0001", main, "\"Orders::Orders.Function::Handel\"", "did you mean 'Handle'?"),
            Expected("Orders", "LAM0302", main, "AWS_REGION", "'AWS_REGION' is reserved by Lambda"),
            Expected("Billing", "LAM0301", main, "20000", "memory_size is 20000 MB"));
    }

    private async Task<RepositoryBuild> Repository(string name) => (await _packages.RepositoryBuilds)[name];

    private static (string Project, string Id, string File, int Line, int Column, string Message) Expected(string project, string id, string file, string planted, string message)
    {
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            var column = lines[i].IndexOf(planted, StringComparison.Ordinal);
            if (column >= 0)
            {
                return (project, id, file, i + 1, column + 1, message);
            }
        }

        throw new InvalidOperationException($"'{planted}' is not in {file}.");
    }

    /// <summary>Exactly the expected LAM diagnostics, each from its project at its place; every other project was compiled and reported none.</summary>
    private static void AssertDiagnostics(RepositoryBuild repository, params (string Project, string Id, string File, int Line, int Column, string Message)[] expected)
    {
        var output = repository.Build.Output;
        var actual = DiagnosticLine.Matches(output)
            .Select(m => (
                Project: Path.GetFileNameWithoutExtension(m.Groups["project"].Value),
                Id: m.Groups["id"].Value,
                File: m.Groups["file"].Value.Trim(),
                Line: int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                Column: int.Parse(m.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
                Message: m.Groups["message"].Value))
            .Distinct()
            .OrderBy(d => d.Project, StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

        Assert.True(
            actual.Count == expected.Length
            && expected.All(e => actual.Any(a => a.Project == e.Project && a.Id == e.Id && a.File == e.File && a.Line == e.Line && a.Column == e.Column && a.Message.Contains(e.Message, StringComparison.Ordinal))),
            $"Expected:\n{string.Join("\n", expected.Select(e => $"  {e.Project}: {e.Id} at {e.File}({e.Line},{e.Column}) '{e.Message}'"))}\n"
            + $"Actual:\n{string.Join("\n", actual.Select(a => $"  {a.Project}: {a.Id} at {a.File}({a.Line},{a.Column}) {a.Message}"))}\n\nBuild output:\n{output}");

        // The projects that must stay silent were compiled (an earlier failure would make silence meaningless).
        var silent = new[] { "Shared" }.Concat(Directory.GetDirectories(Path.Combine(repository.Root, "test")).Select(Path.GetFileName)).ToList();
        foreach (var project in silent)
        {
            Assert.True(
                Regex.IsMatch(output, $@"^[ \t]*{Regex.Escape(project!)} -> [^\r\n]*{Regex.Escape(project!)}\.dll[ \t]*\r?$", RegexOptions.Multiline),
                $"{project} was not compiled:\n{output}");
        }
    }
}
