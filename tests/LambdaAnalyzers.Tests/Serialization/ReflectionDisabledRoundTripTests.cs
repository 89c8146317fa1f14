using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using LambdaAnalyzers.CodeFixes.Rules.Serialization;
using LambdaAnalyzers.Rules.Serialization;
using LambdaAnalyzers.Testing;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.Tests.Serialization;

/// <summary>
/// The LAM0102 and LAM0104 fixes work in a real build: tests/Fixtures/ReflectionDisabledRoundTrip is
/// a Native AOT function built with <c>JsonSerializerIsReflectionEnabledByDefault=false</c> whose
/// program round-trips each handler's event through the handler's <c>ILambdaSerializer</c>
/// (Deserialize, invoke, Serialize). Unfixed, both handlers fail at runtime; after the real code
/// fixes are applied to a copy (through a Roslyn workspace) and the copy is rebuilt, both succeed.
/// </summary>
public sealed class ReflectionDisabledRoundTripTests : IClassFixture<ReflectionDisabledRoundTripTests.Pipeline>
{
    private readonly Pipeline _pipeline;

    public ReflectionDisabledRoundTripTests(Pipeline pipeline) => _pipeline = pipeline;

    [Fact]
    public void Fixture_runs_with_reflection_based_serialization_disabled()
    {
        Assert.Contains("IsReflectionEnabledByDefault=False", _pipeline.Before.Output);
        Assert.Contains("IsReflectionEnabledByDefault=False", _pipeline.After.Output);
    }

    [Fact]
    public void Unfixed_LAM0102_case_fails_its_round_trip()
    {
        Assert.Equal(2, _pipeline.Before.ExitCode);
        Assert.Contains(
            "Charge: FAILED JsonSerializerException: Error converting the response object of type ReflectionDisabledRoundTrip.Receipt from the Lambda function to JSON: No JsonTypeInfo registered in ReflectionDisabledRoundTrip.OrdersContext for type ReflectionDisabledRoundTrip.Receipt.",
            _pipeline.Before.Output);
    }

    [Fact]
    public void Unfixed_LAM0104_case_fails_its_round_trip()
    {
        Assert.Equal(2, _pipeline.Before.ExitCode);
        Assert.Contains(
            "Refund: FAILED JsonSerializerException: Error converting the Lambda event JSON payload to type ReflectionDisabledRoundTrip.Refund: Reflection-based serialization has been disabled for this application.",
            _pipeline.Before.Output);
    }

    [Fact]
    public void Analyzers_report_each_case_before_the_fixes_and_nothing_after()
    {
        Assert.Equal(new[] { "LAM0102 Charge", "LAM0104 DefaultLambdaJsonSerializer" }, _pipeline.DiagnosticsBefore);
        Assert.Empty(_pipeline.DiagnosticsAfter);
    }

    [Fact]
    public void Fixes_edit_the_context_and_switch_the_serializer()
    {
        var function = File.ReadAllText(Path.Combine(_pipeline.Directory, "Function.cs"));
        Assert.Contains("[JsonSerializable(typeof(Order))]\n[JsonSerializable(typeof(Receipt))]\npublic partial class OrdersContext", function.Replace("\r\n", "\n"));
        Assert.Contains("[LambdaSerializer(typeof(SourceGeneratorLambdaJsonSerializer<LambdaJsonContext>))]", function);
        var context = File.ReadAllText(Path.Combine(_pipeline.Directory, "LambdaJsonContext.cs"));
        Assert.Contains("[JsonSerializable(typeof(global::ReflectionDisabledRoundTrip.Refund))]", context);
        Assert.Contains("[JsonSerializable(typeof(global::ReflectionDisabledRoundTrip.RefundResult))]", context);
    }

    [Fact]
    public void Fixed_LAM0102_case_round_trips()
    {
        Assert.True(_pipeline.After.ExitCode == 0, _pipeline.After.Output);
        Assert.Contains("Charge: OK {\"OrderId\":\"o-1\",\"Charged\":12.5}", _pipeline.After.Output);
    }

    [Fact]
    public void Fixed_LAM0104_case_round_trips()
    {
        Assert.True(_pipeline.After.ExitCode == 0, _pipeline.After.Output);
        Assert.Contains("Refund: OK {\"OrderId\":\"o-1\",\"Accepted\":true}", _pipeline.After.Output);
    }

    /// <summary>
    /// Copies the fixture to a temporary folder, then: build + run (before), the LAM0102 and LAM0104
    /// fixes, build + run (after). Two nested builds for the whole class.
    /// </summary>
    public sealed class Pipeline : IAsyncLifetime
    {
        private const string Name = "ReflectionDisabledRoundTrip";

        public string Directory { get; } = Path.Combine(Path.GetTempPath(), "lambda-analyzers-" + Name + "-" + Guid.NewGuid().ToString("N"));

        public CommandResult Before { get; private set; } = null!;

        public CommandResult After { get; private set; } = null!;

        public IReadOnlyList<string> DiagnosticsBefore { get; private set; } = Array.Empty<string>();

        public IReadOnlyList<string> DiagnosticsAfter { get; private set; } = Array.Empty<string>();

        public async Task InitializeAsync()
        {
            var fixture = RepoPaths.Combine("tests", "Fixtures", Name);
            System.IO.Directory.CreateDirectory(Directory);
            foreach (var file in System.IO.Directory.GetFiles(fixture))
            {
                File.Copy(file, Path.Combine(Directory, Path.GetFileName(file)));
            }

            Before = await BuildAndRunAsync();

            var properties = BuildProperties(Path.Combine(Directory, Name + ".csproj"));
            var project = LoadProject();
            DiagnosticsBefore = await DescribeAsync(project, properties);
            project = await FixRunner.FixAllAsync(project, new LAM0102TypeMissingFromContextAnalyzer(), new LAM0102TypeMissingFromContextCodeFix(), properties);
            project = await FixRunner.FixAllAsync(project, new LAM0104ReflectionSerializerInTrimmedProjectAnalyzer(), new LAM0104ReflectionSerializerInTrimmedProjectCodeFix(), properties);
            DiagnosticsAfter = await DescribeAsync(project, properties);
            foreach (var document in project.Documents)
            {
                var path = document.FilePath ?? Path.Combine(new[] { Directory }.Concat(document.Folders).Append(document.Name).ToArray());
                File.WriteAllText(path, (await document.GetTextAsync()).ToString());
            }

            After = await BuildAndRunAsync();
        }

        public Task DisposeAsync()
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is not a test failure.
            }

            return Task.CompletedTask;
        }

        private async Task<CommandResult> BuildAndRunAsync()
        {
            var artifacts = Path.Combine(Directory, "artifacts");
            var environment = new Dictionary<string, string>();
            (await DotNet.RunAsync(
                Directory,
                environment,
                "build", Name + ".csproj", "--artifacts-path", artifacts, "-p:StandInDir=" + AppContext.BaseDirectory, "-v:q", "-nologo")).EnsureSuccess();

            // DotNet.RunAsync appends its MSBuild switches to every command: the program ignores its arguments.
            return await DotNet.RunAsync(Directory, environment, Path.Combine(artifacts, "bin", Name, "debug", Name + ".dll"));
        }

        /// <summary>The fixture's sources in a workspace compiled as the nested build compiles them (without the JSON source generator).</summary>
        private Project LoadProject()
        {
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var documents = System.IO.Directory.GetFiles(Directory, "*.cs")
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => DocumentInfo.Create(
                    DocumentId.CreateNewId(projectId),
                    Path.GetFileName(path),
                    loader: TextLoader.From(TextAndVersion.Create(SourceText.From(File.ReadAllText(path)), VersionStamp.Default, path)),
                    filePath: path));
            return workspace.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                Name,
                Name,
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                documents: documents,
                metadataReferences: TestReferences.LambdaProject));
        }

        /// <summary>The properties the fixture's project file sets, as the package hands them to analyzers.</summary>
        private static Dictionary<string, string> BuildProperties(string projectFile)
        {
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in XDocument.Load(projectFile).Root!.Elements("PropertyGroup").Elements())
            {
                properties[property.Name.LocalName] = property.Value.Trim();
            }

            return properties;
        }

        private static async Task<IReadOnlyList<string>> DescribeAsync(Project project, IReadOnlyDictionary<string, string> properties)
        {
            var described = new List<string>();
            foreach (var diagnostic in (await FixRunner.DiagnosticsAsync(project, new LAM0102TypeMissingFromContextAnalyzer(), properties))
                .Concat(await FixRunner.DiagnosticsAsync(project, new LAM0104ReflectionSerializerInTrimmedProjectAnalyzer(), properties)))
            {
                var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
                described.Add(diagnostic.Id + " " + message.Split('\'')[1]);
            }

            return described;
        }
    }
}
