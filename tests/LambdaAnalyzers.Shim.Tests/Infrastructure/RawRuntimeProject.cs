using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Tests.Infrastructure;

/// <summary>
/// A function project for <c>lambda-shim run &lt;project-dir&gt;</c>: a runtime written against the raw Runtime API that
/// answers each event upper-cased with one property added, and one compiler warning (CS0168) on purpose.
/// </summary>
internal static class RawRuntimeProject
{
    /// <summary>Writes <c>{name}.csproj</c>, <c>Program.cs</c> and <c>aws-lambda-tools-defaults.json</c> into <paramref name="directory"/>.</summary>
    /// <param name="frameworks">The project's framework property, e.g. <c>&lt;TargetFramework&gt;net8.0&lt;/TargetFramework&gt;</c>.</param>
    /// <param name="property">The name of the property each answer gets.</param>
    /// <param name="valueExpression">The C# expression (a string) of its value, evaluated in the function.</param>
    /// <param name="toolsDefaults">The configuration file's JSON.</param>
    public static async Task WriteAsync(string directory, string name, string frameworks, string property, string valueExpression, string toolsDefaults)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                {frameworks}
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "Program.cs"), $$"""
            var api = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            int unused;
            while (true)
            {
                using var next = await http.GetAsync($"http://{api}/2018-06-01/runtime/invocation/next");
                var id = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").First();
                var body = await next.Content.ReadAsStringAsync();
                var answer = body.ToUpperInvariant().Replace("}", ",\"{{property}}\":\"" + ({{valueExpression}}) + "\"}");
                using var posted = await http.PostAsync($"http://{api}/2018-06-01/runtime/invocation/{id}/response", new StringContent(answer));
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "aws-lambda-tools-defaults.json"), toolsDefaults);
    }

    /// <summary>The tool's start info, without the variables of the test host's own build (which a nested build must not inherit).</summary>
    public static ProcessStartInfo Tool(params string[] arguments)
    {
        var info = CliTests.Tool(arguments);
        foreach (var key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                info.Environment.Remove(key);
            }
        }

        return info;
    }
}
