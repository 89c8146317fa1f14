using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using LambdaAnalyzers.Testing;

namespace LambdaAnalyzers.Shim.Tests.Infrastructure;

/// <summary>Builds the test functions under Functions/ once per test run, into this test run's artifacts folder.</summary>
internal static class FunctionBuild
{
    private static readonly Lazy<Task<string>> LazyTestFunction = new(() => BuildAsync("TestFunction"));
    private static readonly Lazy<Task<string>> LazyClassLibFunction = new(() => BuildAsync("ClassLibFunction"));
    private static readonly Lazy<Task<string>> LazyTestExtension = new(() => BuildAsync("TestExtension"));

    /// <summary>Output folder of Functions/TestFunction (an executable-assembly function using LambdaRuntime.RunAsync).</summary>
    public static Task<string> TestFunction => LazyTestFunction.Value;

    /// <summary>Output folder of Functions/ClassLibFunction (a class-library function).</summary>
    public static Task<string> ClassLibFunction => LazyClassLibFunction.Value;

    /// <summary>Output folder of Functions/TestExtension (an external extension written with LambdaExtension).</summary>
    public static Task<string> TestExtension => LazyTestExtension.Value;

    public static async Task<string> BuildAsync(string name, params string[] extraArguments)
    {
        var artifacts = Path.Combine(AppContext.BaseDirectory, "functions-artifacts");
        await RunAsync(name, "build", artifacts, extraArguments);
        return Path.Combine(artifacts, "bin", name, "release");
    }

    /// <summary>
    /// Publishes a function of Functions/ with Native AOT for linux-x64 into its own artifacts folder and
    /// returns the publish folder, which holds the native <c>bootstrap</c>-style executable named after the project.
    /// </summary>
    public static async Task<string> PublishAotAsync(string name)
    {
        var artifacts = Path.Combine(AppContext.BaseDirectory, "functions-aot");
        await RunAsync(name, "publish", artifacts, new[] { "-r", "linux-x64", "-p:PublishAot=true" });
        return Path.Combine(artifacts, "publish", name, "release_linux-x64");
    }

    private static async Task RunAsync(string name, string verb, string artifacts, string[] extraArguments)
    {
        var project = RepoPaths.Combine("tests", "LambdaAnalyzers.Shim.Tests", "Functions", name, name + ".csproj");
        var arguments = new List<string>
        {
            verb, project, "-c", "Release", "--artifacts-path", artifacts,
            $"-p:LambdaRuntimeDll={Path.Combine(AppContext.BaseDirectory, "LambdaAnalyzers.Runtime.dll")}",
            $"-p:StandInDir={AppContext.BaseDirectory}", "-v:q", "-nologo",
        };
        arguments.AddRange(extraArguments);
        (await DotNet.RunAsync(RepoPaths.Root, new Dictionary<string, string>(), TimeSpan.FromMinutes(10), arguments.ToArray())).EnsureSuccess();
    }
}
