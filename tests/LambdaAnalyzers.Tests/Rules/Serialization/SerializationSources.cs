using System.IO;
using System.Threading.Tasks;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LambdaAnalyzers.Tests.Rules.Serialization;

/// <summary>Source snippets and references shared by the serialization rule tests.</summary>
internal static class SerializationSources
{
    public const string Default = "Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer";
    public const string CamelCase = "Amazon.Lambda.Serialization.SystemTextJson.CamelCaseLambdaJsonSerializer";
    public const string NewtonsoftSerializer = "Amazon.Lambda.Serialization.Json.JsonSerializer";
    public const string SourceGenerated = "Amazon.Lambda.Serialization.SystemTextJson.SourceGeneratorLambdaJsonSerializer<Ctx>";

    public const string Usings = """
        using System;
        using System.IO;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using System.Text.Json.Serialization;
        using Amazon.Lambda.Core;
        using LambdaAnalyzers.Runtime;

        """;

    /// <summary>Newtonsoft.Json, which the Amazon.Lambda.Serialization.Json stand-in brings along.</summary>
    public static MetadataReference NewtonsoftJson { get; } = MetadataReference.CreateFromFile(
        Path.Combine(Path.GetDirectoryName(typeof(Amazon.Lambda.Serialization.Json.JsonSerializer).Assembly.Location)!, "Newtonsoft.Json.dll"));

    /// <summary>A class-library project whose assembly serializer is <paramref name="serializer"/>.</summary>
    public static string With(string serializer, string code) =>
        Usings + $"[assembly: LambdaSerializer(typeof({serializer}))]\n\n" + code;

    /// <summary>Like <see cref="VerifyAsync"/>, for half-written code: the compiler's errors (unbound names) are not checked.</summary>
    public static Task VerifyUnboundAsync<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new AnalyzerVerifier<TAnalyzer>.Test { TestCode = source, CompilerDiagnostics = CompilerDiagnostics.None };
        test.TestState.AdditionalReferences.Add(NewtonsoftJson);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static Task VerifyAsync<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new AnalyzerVerifier<TAnalyzer>.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(NewtonsoftJson);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
