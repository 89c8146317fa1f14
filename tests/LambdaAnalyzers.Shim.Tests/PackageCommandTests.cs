using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Cli;
using LambdaAnalyzers.Testing;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary><c>lambda-shim package</c>: a function published (framework-dependent) into its zip, then run from that zip.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PackageCommandTests : IDisposable
{
    private static readonly string Sample = RepoPaths.Combine("samples", "OrdersFunction");

    private readonly string _root = Directory.CreateTempSubdirectory("shim-package-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>
    /// A small provided.al2023 function in a folder of its own (its publish is quick: no analyzers, one reference): an app
    /// host named <c>bootstrap</c> running LambdaRuntime's loop, declared by a SAM template.
    /// </summary>
    private string ProvidedFunction()
    {
        var project = Directory.CreateDirectory(Path.Combine(_root, "Greeter")).FullName;
        File.WriteAllText(Path.Combine(project, "Greeter.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>bootstrap</AssemblyName>
                <InvariantGlobalization>true</InvariantGlobalization>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="LambdaAnalyzers.Runtime" HintPath="{Path.Combine(AppContext.BaseDirectory, "LambdaAnalyzers.Runtime.dll")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            await LambdaAnalyzers.Runtime.LambdaRuntime.RunAsync(async (invocation, response, _) =>
                await response.WriteAsync(System.Text.Encoding.UTF8.GetBytes("{\"greeting\":\"hello from the zip\"}")));
            """);
        File.WriteAllText(Path.Combine(project, "template.yaml"), """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Resources:
              GreeterFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: .
                  Handler: bootstrap
                  Runtime: provided.al2023
            """);
        return project;
    }

    [Fact]
    public async Task Package_publishes_a_template_function_into_its_zip_and_run_runs_that_zip()
    {
        var project = ProvidedFunction();

        var (exit, stdout, stderr) = await CliTests.RunToolAsync("package", project, "--function", "GreeterFunction");

        Assert.True(exit == 0, stdout + stderr);
        var zip = Path.Combine(project, "bin", "lambda-shim", "GreeterFunction.zip");
        Assert.Equal(zip, stdout.Trim());
        Assert.Contains("for function GreeterFunction (provided.al2023)", stderr, StringComparison.Ordinal);
        using (var archive = ZipFile.OpenRead(zip))
        {
            Assert.Equal(Convert.ToInt32("100755", 8), archive.GetEntry("bootstrap")!.ExternalAttributes >> 16 & 0xFFFF);
            Assert.Equal(Convert.ToInt32("100644", 8), archive.GetEntry("bootstrap.dll")!.ExternalAttributes >> 16 & 0xFFFF);
            Assert.DoesNotContain(archive.Entries, e => e.FullName.StartsWith('/') || e.FullName.Contains('\\', StringComparison.Ordinal));
        }

        // What is tested is what is uploaded: run takes the zip itself.
        var (runExit, runStdout, runStderr) = await CliTests.RunToolAsync("run", zip);

        Assert.True(runExit == 0, runStdout + runStderr);
        Assert.Contains("response {\"greeting\":\"hello from the zip\"}", runStdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_of_a_function_the_configuration_does_not_declare_fails_and_writes_nothing()
    {
        var (exit, _, stderr) = await CliTests.RunToolAsync("package", Sample, "--function", "NoSuchFunction", "-o", Path.Combine(_root, "x.zip"));

        Assert.Equal(1, exit);
        Assert.Contains("declares no function 'NoSuchFunction'", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "x.zip")));
    }

    [Theory]
    [InlineData(new[] { "package" }, "Required argument 'project' missing for command: 'package'.")]
    [InlineData(new[] { "package", "proj", "--bogus" }, "Unrecognized command or argument '--bogus'.")]
    [InlineData(new[] { "package", "proj", "-o" }, "Required argument missing for option: '-o'.")]
    [InlineData(new[] { "package", "proj", "--timeout", "3" }, "--timeout is an option of run and serve, not of package.")]
    public async Task Usage_errors_name_what_is_wrong_and_exit_2(string[] args, string message)
    {
        var (exit, stdout, stderr) = await CliTests.RunToolAsync(args);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Contains("lambda-shim package <project> [options]", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_are_read_in_any_order()
    {
        var parse = PackageCommand.Create().Parse(new[] { "--layer", "a.zip", "proj", "--function", "Fn", "--output", "o.zip", "--layer", "b", "-f", "net8.0" });

        Assert.Empty(parse.Errors);
        Assert.Equal("proj", parse.GetValue<string>("project"));
        Assert.Equal("Fn", parse.GetValue<string>("--function"));
        Assert.Equal("o.zip", parse.GetValue<string>("--output"));
        Assert.Equal("net8.0", parse.GetValue<string>("--framework"));
        Assert.Equal(new[] { "a.zip", "b" }, parse.GetValue<string[]>("--layer"));
    }
}
