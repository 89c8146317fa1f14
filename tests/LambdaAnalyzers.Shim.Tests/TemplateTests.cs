using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Internal;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// Configuration files, read with the analyzers' own readers: every function of a template, Globals, intrinsics,
/// aws-lambda-tools-defaults.json; and every function served at once (<see cref="LambdaShimHost"/>).
/// </summary>
public sealed class TemplateTests : IDisposable
{
    private const string ThreeFunctions = """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            Timeout: 30   # seconds
            MemorySize: 256
            Environment:
              Variables:
                SHARED: from-globals
        Resources:
          Orders:
            Type: AWS::Serverless::Function
            Properties:
              Handler: TestFunction
              MemorySize: 1024
              Environment:
                Variables:
                  WHO: orders
          Payments:
            Type: AWS::Serverless::Function
            Properties:
              Handler: TestFunction
              FunctionName: payments-fn
              Environment: { Variables: { WHO: payments, TABLE: !Ref PaymentsTable } }
          Refunds:
            Type: AWS::Serverless::Function
            Properties:
              Handler: TestFunction
              FunctionName: !Sub "${AWS::StackName}-refunds"
              Environment:
                Variables:
                  WHO: >-
                    refunds
          PaymentsTable:
            Type: AWS::DynamoDB::Table
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("shim-template-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Tools_defaults_file_gives_handler_memory_timeout_and_variables()
    {
        File.WriteAllText(Path.Combine(_dir, "aws-lambda-tools-defaults.json"), """
            {
              // comments are allowed, as the tools allow them
              "function-name": "from-tools",
              "function-handler": "MyApp::MyApp.Function::Handle",
              "function-memory-size": 512,
              "function-timeout": "15",
              "environment-variables": "A=1;B=two"
            }
            """);

        var function = Assert.Single(DeclaredFunctions.Read(_dir).Functions);

        Assert.Equal("from-tools", function.Name);
        Assert.Equal("MyApp::MyApp.Function::Handle", function.Handler);
        Assert.Equal(512, function.MemorySizeMB);
        Assert.Equal(15, function.TimeoutSeconds);
        Assert.Equal("1", function.Environment["A"]);
        Assert.Equal("two", function.Environment["B"]);
    }

    [Fact]
    public void Every_function_of_a_template_with_globals_under_its_own_settings_and_intrinsics_left_out()
    {
        File.WriteAllText(Path.Combine(_dir, "template.yaml"), ThreeFunctions);

        var functions = DeclaredFunctions.Read(_dir).Functions;

        Assert.Equal(new[] { "Orders", "Payments", "Refunds" }, functions.Select(f => f.LogicalId));
        Assert.Equal(new[] { "Orders", "payments-fn", "Refunds" }, functions.Select(f => f.Name));
        Assert.Equal(new int?[] { 1024, 256, 256 }, functions.Select(f => f.MemorySizeMB));
        Assert.All(functions, f => Assert.Equal(30, f.TimeoutSeconds));
        Assert.Equal(new[] { "orders", "payments", "refunds" }, functions.Select(f => f.Environment["WHO"]));
        Assert.All(functions, f => Assert.Equal("from-globals", f.Environment["SHARED"]));
        // !Ref and !Sub are computed at deploy time: not invented here, but said.
        Assert.False(functions[1].Environment.ContainsKey("TABLE"));
        Assert.Contains(functions[1].Notes, n => n.Contains("TABLE", StringComparison.Ordinal));
        Assert.Contains(functions[2].Notes, n => n.StartsWith("FunctionName is computed at deploy time", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_template_with_several_functions_needs_a_choice_and_the_choice_gets_its_own_settings()
    {
        File.WriteAllText(Path.Combine(_dir, "template.yaml"), ThreeFunctions);
        var code = await FunctionBuild.TestFunction;

        var unchosen = await Assert.ThrowsAsync<InvalidOperationException>(() => LambdaShim.StartAsync(new LambdaShimOptions { CodePath = code, ConfigurationDirectory = _dir }));
        Assert.Contains("declares 3 functions (Orders, Payments, Refunds)", unchosen.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => LambdaShim.StartAsync(new LambdaShimOptions { CodePath = code, ConfigurationDirectory = _dir, Function = "Nope" }));
        Assert.Contains("no function 'Nope'", unknown.Message, StringComparison.Ordinal);

        var log = new StringWriter();
        await using var payments = await LambdaShim.StartAsync(new LambdaShimOptions { CodePath = code, ConfigurationDirectory = _dir, Function = "Payments", LogOutput = log });
        var result = await payments.InvokeAsync("{\"op\":\"env\"}");
        result.EnsureSuccess();
        var env = JsonDocument.Parse(result.Payload).RootElement;

        Assert.Equal("payments-fn", payments.FunctionName);
        Assert.Equal("Payments", payments.LogicalId);
        Assert.Equal(256, payments.MemorySizeMB);
        Assert.Equal("payments", env.GetProperty("WHO").GetString());
        Assert.Equal("payments-fn", env.GetProperty("AWS_LAMBDA_FUNCTION_NAME").GetString());
        Assert.Contains("the variable TABLE is computed at deploy time", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_function_on_a_runtime_Lambda_refuses_is_not_run_and_the_error_points_at_the_runtime()
    {
        File.WriteAllText(Path.Combine(_dir, "template.yaml"), """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Legacy:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: TestFunction
                  Runtime: dotnetcore3.1
              Current:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: TestFunction
                  Runtime: dotnet8
            """);
        var code = await FunctionBuild.TestFunction;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            LambdaShim.StartAsync(new LambdaShimOptions { CodePath = code, ConfigurationDirectory = _dir, Function = "Legacy" }));

        Assert.StartsWith(Path.Combine(_dir, "template.yaml") + "(7,", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Runtime 'dotnetcore3.1' is retired", refused.Message, StringComparison.Ordinal);
        Assert.Contains("function 'Legacy'", refused.Message, StringComparison.Ordinal);

        // The template's other function, on a runtime Lambda offers, runs.
        await using var current = await LambdaShim.StartAsync(new LambdaShimOptions { CodePath = code, ConfigurationDirectory = _dir, Function = "Current" });
        (await current.InvokeAsync("{}")).EnsureSuccess();
    }

    [Fact]
    public async Task The_host_serves_every_function_of_the_template_by_logical_id_or_name_on_one_endpoint()
    {
        File.WriteAllText(Path.Combine(_dir, "template.yaml"), ThreeFunctions);
        await using var host = await LambdaShimHost.StartAsync(new LambdaShimOptions
        {
            CodePath = await FunctionBuild.TestFunction, ConfigurationDirectory = _dir, EnableInvokeApi = true,
        });
        using var http = new HttpClient { BaseAddress = host.InvokeApiEndpoint };

        var seen = new Dictionary<string, (string? Who, string? Memory)>();
        foreach (var name in new[] { "Orders", "payments-fn", "Payments", "Refunds" })
        {
            using var response = await http.PostAsync($"/2015-03-31/functions/{name}/invocations", new StringContent("{\"op\":\"env\"}", Encoding.UTF8));
            var env = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            seen[name] = (env.GetProperty("WHO").GetString(), env.GetProperty("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").GetString());
        }

        using var unknown = await http.PostAsync("/2015-03-31/functions/PaymentsTable/invocations", new StringContent("{}"));

        Assert.Equal(3, host.Functions.Count);
        Assert.Equal(("orders", "1024"), seen["Orders"]);
        Assert.Equal(("payments", "256"), seen["payments-fn"]);
        Assert.Equal(("payments", "256"), seen["Payments"]);
        Assert.Equal(("refunds", "256"), seen["Refunds"]);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        // Each function has environments of its own.
        Assert.Equal(3, host.Functions.SelectMany(f => f.Environments).Select(e => e.TmpDirectory).Distinct().Count());
    }
}
