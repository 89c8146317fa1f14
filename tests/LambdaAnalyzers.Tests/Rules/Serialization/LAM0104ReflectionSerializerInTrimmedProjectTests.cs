using System.Threading.Tasks;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Serialization.SerializationSources;
using Fix = LambdaAnalyzers.Tests.Infrastructure.CodeFixVerifier<LambdaAnalyzers.Rules.Serialization.LAM0104ReflectionSerializerInTrimmedProjectAnalyzer, LambdaAnalyzers.CodeFixes.Rules.Serialization.LAM0104ReflectionSerializerInTrimmedProjectCodeFix>;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Serialization.LAM0104ReflectionSerializerInTrimmedProjectAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Serialization;

public sealed class LAM0104ReflectionSerializerInTrimmedProjectTests
{
    private const string Types = """
        public class Order { public string Id { get; set; } = ""; }
        public class Receipt { public string Id { get; set; } = ""; }
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(Order order) => new Receipt();
        }
        """;

    private static Task Check(string source, (string, string)[] properties, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source };
        test.TestState.AnalyzerConfigFiles.Add(TestProjects.GlobalConfig(properties));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static string Source(string serializer) =>
        Usings + $"[assembly: {{|#0:LambdaSerializer(typeof({serializer}))|}}]\n\n" + Types;

    [Fact]
    public Task Flags_default_serializer_in_a_native_aot_project() =>
        Check(Source(Default), new[] { ("PublishAot", "true") }, Verify.Diagnostic().WithLocation(0).WithArguments("DefaultLambdaJsonSerializer", "Native AOT"));

    [Fact]
    public Task Flags_camel_case_serializer_in_a_trimmable_project() =>
        Check(Source(CamelCase), new[] { ("IsTrimmable", "true") }, Verify.Diagnostic().WithLocation(0).WithArguments("CamelCaseLambdaJsonSerializer", "trimmed"));

    [Fact]
    public Task Flags_bootstrap_serializer_argument_in_a_trimmed_project() => Check(Usings + """
        using Amazon.Lambda.RuntimeSupport;
        using Amazon.Lambda.Serialization.SystemTextJson;
        public class Receipt { public string Id { get; set; } = ""; }
        public static class Program
        {
            public static Task Main() =>
                LambdaBootstrapBuilder.Create((string input, ILambdaContext context) => Task.FromResult(new Receipt()), {|#0:new DefaultLambdaJsonSerializer()|}).Build().RunAsync();
        }
        """, new[] { ("PublishTrimmed", "true") }, Verify.Diagnostic().WithLocation(0).WithArguments("DefaultLambdaJsonSerializer", "trimmed"));

    [Fact]
    public Task Ignores_projects_without_trimming_or_aot() =>
        Check(Usings + $"[assembly: LambdaSerializer(typeof({Default}))]\n\n" + Types, new[] { ("PublishAot", "false") });

    [Fact]
    public Task Ignores_source_generated_serializer_in_aot_project() => Check(Usings + $"[assembly: LambdaSerializer(typeof({SourceGenerated}))]\n\n" + Types + """

        [JsonSerializable(typeof(Order))]
        [JsonSerializable(typeof(Receipt))]
        public abstract partial class Ctx : JsonSerializerContext { protected Ctx() : base(null) { } }
        """, new[] { ("PublishAot", "true") });

    [Fact]
    public Task Fix_creates_a_context_and_switches_the_serializer()
    {
        var test = new Fix.Test
        {
            TestCode = Usings + "[assembly: {|#0:LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))|}]\n\n" + Types,
        };
        test.TestState.AnalyzerConfigFiles.Add(TestProjects.GlobalConfig(("PublishAot", "true")));
        test.ExpectedDiagnostics.Add(Fix.Diagnostic().WithLocation(0).WithArguments("DefaultLambdaJsonSerializer", "Native AOT"));
        test.FixedState.Sources.Add(Usings + "[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.SourceGeneratorLambdaJsonSerializer<LambdaJsonContext>))]\n\n" + Types);
        test.FixedState.Sources.Add(("LambdaJsonContext.cs", """
            using System.Text.Json.Serialization;

            [JsonSerializable(typeof(global::Order))]
            [JsonSerializable(typeof(global::Receipt))]
            internal partial class LambdaJsonContext : JsonSerializerContext
            {
            }

            """));

        // The generated context is completed by System.Text.Json's source generator, which this test does not run.
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        test.FixedState.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS0534").WithSpan("LambdaJsonContext.cs", 5, 24, 5, 41).WithArguments("LambdaJsonContext", "System.Text.Json.Serialization.JsonSerializerContext.GeneratedSerializerOptions.get"));
        test.FixedState.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS0534").WithSpan("LambdaJsonContext.cs", 5, 24, 5, 41).WithArguments("LambdaJsonContext", "System.Text.Json.Serialization.JsonSerializerContext.GetTypeInfo(System.Type)"));
        test.FixedState.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS7036").WithSpan("LambdaJsonContext.cs", 5, 24, 5, 41).WithArguments("options", "System.Text.Json.Serialization.JsonSerializerContext.JsonSerializerContext(System.Text.Json.JsonSerializerOptions?)"));
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_switches_a_bootstrap_serializer_argument()
    {
        const string Program = """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;
            public class Receipt { public string Id { get; set; } = ""; }
            public static class Program
            {
                public static Task Main() =>
                    LambdaBootstrapBuilder.Create((string input, ILambdaContext context) => Task.FromResult(new Receipt()), SERIALIZER).Build().RunAsync();
            }
            """;
        var test = new Fix.Test { TestCode = Usings + Program.Replace("SERIALIZER", "{|#0:new DefaultLambdaJsonSerializer()|}") };
        test.TestState.AnalyzerConfigFiles.Add(TestProjects.GlobalConfig(("PublishAot", "true")));
        test.ExpectedDiagnostics.Add(Fix.Diagnostic().WithLocation(0).WithArguments("DefaultLambdaJsonSerializer", "Native AOT"));
        test.FixedState.Sources.Add(Usings + Program.Replace("SERIALIZER", "new SourceGeneratorLambdaJsonSerializer<LambdaJsonContext>()"));
        test.FixedState.Sources.Add(("LambdaJsonContext.cs", """
            using System.Text.Json.Serialization;

            [JsonSerializable(typeof(global::Receipt))]
            [JsonSerializable(typeof(string))]
            internal partial class LambdaJsonContext : JsonSerializerContext
            {
            }

            """));
        test.FixedState.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS0534").WithSpan("LambdaJsonContext.cs", 5, 24, 5, 41).WithArguments("LambdaJsonContext", "System.Text.Json.Serialization.JsonSerializerContext.GeneratedSerializerOptions.get"));
        test.FixedState.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS0534").WithSpan("LambdaJsonContext.cs", 5, 24, 5, 41).WithArguments("LambdaJsonContext", "System.Text.Json.Serialization.JsonSerializerContext.GetTypeInfo(System.Type)"));
        test.FixedState.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS7036").WithSpan("LambdaJsonContext.cs", 5, 24, 5, 41).WithArguments("options", "System.Text.Json.Serialization.JsonSerializerContext.JsonSerializerContext(System.Text.Json.JsonSerializerOptions?)"));
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_in_document_gives_each_declaration_its_own_context()
    {
        const string Handlers = """
            public class Order { public string Id { get; set; } = ""; }
            public class Receipt { public string Id { get; set; } = ""; }
            public class Refund { public string Id { get; set; } = ""; }
            public class Function
            {
                [LambdaHandler]
                [FIRST]
                public Receipt Charge(Order order) => new Receipt();

                [LambdaHandler]
                [SECOND]
                public Refund Refund(Order order) => new Refund();
            }
            """;
        const string Serializer = "LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))";
        var test = new Fix.Test
        {
            TestCode = Usings + Handlers.Replace("FIRST", "{|LAM0104:" + Serializer + "|}").Replace("SECOND", "{|LAM0104:" + Serializer + "|}"),
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 1,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInProjectCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck,
        };
        test.TestState.AnalyzerConfigFiles.Add(TestProjects.GlobalConfig(("PublishAot", "true")));
        test.FixedState.Sources.Add(Usings + Handlers
            .Replace("FIRST", "LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.SourceGeneratorLambdaJsonSerializer<LambdaJsonContext>))")
            .Replace("SECOND", "LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.SourceGeneratorLambdaJsonSerializer<LambdaJsonContext2>))"));
        test.FixedState.Sources.Add(("LambdaJsonContext.cs", """
            using System.Text.Json.Serialization;

            [JsonSerializable(typeof(global::Order))]
            [JsonSerializable(typeof(global::Receipt))]
            internal partial class LambdaJsonContext : JsonSerializerContext
            {
            }

            """));
        test.FixedState.Sources.Add(("LambdaJsonContext2.cs", """
            using System.Text.Json.Serialization;

            [JsonSerializable(typeof(global::Order))]
            [JsonSerializable(typeof(global::Refund))]
            internal partial class LambdaJsonContext2 : JsonSerializerContext
            {
            }

            """));

        // The generated contexts are completed by System.Text.Json's source generator, which this test does not run.
        foreach (var (file, name, end) in new[] { ("LambdaJsonContext.cs", "LambdaJsonContext", 41), ("LambdaJsonContext2.cs", "LambdaJsonContext2", 42) })
        {
            test.FixedState.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS0534").WithSpan(file, 5, 24, 5, end).WithArguments(name, "System.Text.Json.Serialization.JsonSerializerContext.GeneratedSerializerOptions.get"));
            test.FixedState.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS0534").WithSpan(file, 5, 24, 5, end).WithArguments(name, "System.Text.Json.Serialization.JsonSerializerContext.GetTypeInfo(System.Type)"));
            test.FixedState.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS7036").WithSpan(file, 5, 24, 5, end).WithArguments("options", "System.Text.Json.Serialization.JsonSerializerContext.JsonSerializerContext(System.Text.Json.JsonSerializerOptions?)"));
        }

        return test.RunAsync();
    }

    /// <summary>The test framework skips its Fix All checks when a fix has no Fix All provider: make sure this one has.</summary>
    [Fact]
    public void Fix_all_is_offered_in_document_project_and_solution()
    {
        var provider = new LambdaAnalyzers.CodeFixes.Rules.Serialization.LAM0104ReflectionSerializerInTrimmedProjectCodeFix().GetFixAllProvider();
        Assert.NotNull(provider);
        Assert.Equal(
            new[] { Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Document, Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Project, Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Solution },
            provider!.GetSupportedFixAllScopes());
    }
}
