using System.Threading.Tasks;
using LambdaAnalyzers.Rules.Lifecycle;
using LambdaAnalyzers.Rules.Serialization;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LambdaAnalyzers.Tests.Handlers;

/// <summary>
/// A delegate held in a variable before it reaches <c>LambdaBootstrapBuilder.Create</c> — the shape of
/// the official Native AOT template — is the same handler as one written in the call: every rule
/// reports the same findings whichever way it is wired.
/// </summary>
public sealed class BootstrapDelegatesFollowedTests
{
    private const string Serializer = "new SourceGeneratorLambdaJsonSerializer<LambdaFunctionJsonSerializerContext>()";

    /// <summary>The template's function with four misuses in its handler; <c>WIRING</c> is how Main hands it over.</summary>
    private const string AotTemplate = """
        using System;
        using System.Net.Http;
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;
        using Amazon.Lambda.Core;
        using Amazon.Lambda.RuntimeSupport;
        using Amazon.Lambda.Serialization.SystemTextJson;

        public class Order { public string Id { get; set; } = ""; }
        public class Receipt { public string OrderId { get; set; } = ""; }

        // What System.Text.Json's source generator completes; declared abstract so the test compiles without it.
        [JsonSerializable(typeof(Order))]
        public abstract partial class LambdaFunctionJsonSerializerContext : JsonSerializerContext { protected LambdaFunctionJsonSerializerContext() : base(null) { } }

        public class Function
        {
            private static ILambdaContext? s_lastContext;
            FIELD

            private static async Task Main()
            {
                WIRING
            }

            public static Task<Receipt> FunctionHandler(Order order, ILambdaContext context)
            {
                {|#1:s_lastContext = context|};
                using var http = {|#2:new HttpClient()|};
                var page = {|#3:http.GetStringAsync("https://example.com/" + order.Id).Result|};
                return Task.FromResult(new Receipt { OrderId = order.Id + page.Length });
            }
        }
        """;

    /// <summary>The same handler as a lambda in top-level statements.</summary>
    private const string TopLevelLambda = """
        using System;
        using System.Net.Http;
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;
        using Amazon.Lambda.Core;
        using Amazon.Lambda.RuntimeSupport;
        using Amazon.Lambda.Serialization.SystemTextJson;

        WIRING

        public class Order { public string Id { get; set; } = ""; }
        public class Receipt { public string OrderId { get; set; } = ""; }
        public static class State { public static ILambdaContext? LastContext; }

        // What System.Text.Json's source generator completes; declared abstract so the test compiles without it.
        [JsonSerializable(typeof(Order))]
        public abstract partial class LambdaFunctionJsonSerializerContext : JsonSerializerContext { protected LambdaFunctionJsonSerializerContext() : base(null) { } }
        """;

    private const string LambdaBody = """
        async (Order order, ILambdaContext context) =>
        {
            {|#1:State.LastContext = context|};
            using var http = {|#2:new HttpClient()|};
            var page = {|#3:http.GetStringAsync("https://example.com/" + order.Id).Result|};
            await Task.Yield();
            return new Receipt { OrderId = order.Id + page.Length };
        }
        """;

    public static TheoryData<string, string> MethodGroupWirings => new()
    {
        { "inline method group", $"await LambdaBootstrapBuilder.Create<Order, Receipt>({{|#0:FunctionHandler|}}, {Serializer}).Build().RunAsync();" },
        { "typed local (the template)", $"Func<Order, ILambdaContext, Task<Receipt>> handler = {{|#0:FunctionHandler|}};\nawait LambdaBootstrapBuilder.Create(handler, {Serializer}).Build().RunAsync();" },
        { "var local", $"var handler = {{|#0:FunctionHandler|}};\nvar serializer = {Serializer};\nawait LambdaBootstrapBuilder.Create(handler, serializer).Build().RunAsync();" },
        { "explicit conversion", $"await LambdaBootstrapBuilder.Create({{|#0:(Func<Order, ILambdaContext, Task<Receipt>>)FunctionHandler|}}, {Serializer}).Build().RunAsync();" },
        { "local copied from a local", $"Func<Order, ILambdaContext, Task<Receipt>> first = {{|#0:FunctionHandler|}};\nvar handler = first;\nusing var bootstrap = LambdaBootstrapBuilder.Create(handler, {Serializer}).Build();\nawait bootstrap.RunAsync();" },
        { "HandlerWrapper", $"Func<Order, ILambdaContext, Task<Receipt>> handler = {{|#0:FunctionHandler|}};\nusing var wrapper = HandlerWrapper.GetHandlerWrapper(handler, {Serializer});\nawait new LambdaBootstrap(wrapper).RunAsync();" },
    };

    [Theory]
    [MemberData(nameof(MethodGroupWirings))]
    public Task A_method_group_reports_the_same_however_it_reaches_the_bootstrap(string wiring, string code) =>
        Verify(AotTemplate.Replace("FIELD", string.Empty).Replace("WIRING", code), "FunctionHandler", "s_lastContext", wiring);

    [Fact]
    public Task A_method_group_in_a_static_readonly_field_reports_the_same() =>
        Verify(
            AotTemplate
                .Replace("FIELD", "private static readonly Func<Order, ILambdaContext, Task<Receipt>> Handler = {|#0:FunctionHandler|};")
                .Replace("WIRING", $"await LambdaBootstrapBuilder.Create(Handler, {Serializer}).Build().RunAsync();"),
            "FunctionHandler",
            "s_lastContext",
            "static readonly field");

    public static TheoryData<string, string> LambdaWirings => new()
    {
        { "inline lambda", $"await LambdaBootstrapBuilder.Create({{|#0:{LambdaBody}|}}, {Serializer}).Build().RunAsync();" },
        { "var lambda", $"var handler = {{|#0:{LambdaBody}|}};\nawait LambdaBootstrapBuilder.Create(handler, {Serializer}).Build().RunAsync();" },
        { "typed local lambda", $"Func<Order, ILambdaContext, Task<Receipt>> handler = {{|#0:{LambdaBody}|}};\nawait LambdaBootstrapBuilder.Create(handler, {Serializer}).Build().RunAsync();" },
    };

    [Theory]
    [MemberData(nameof(LambdaWirings))]
    public Task A_lambda_in_top_level_statements_reports_the_same_however_it_reaches_the_bootstrap(string wiring, string code) =>
        Verify(TopLevelLambda.Replace("WIRING", code), "lambda", "LastContext", wiring);

    public static TheoryData<string> UncertainWirings => new()
    {
        // Written twice: which one runs is not certain.
        "Func<Order, ILambdaContext, Task<Receipt>> handler = FunctionHandler;\nif (Environment.GetEnvironmentVariable(\"X\") is null) handler = FunctionHandler;\nawait LambdaBootstrapBuilder.Create(handler, SERIALIZER).Build().RunAsync();",

        // Handed over through a parameter.
        "await Run(FunctionHandler);\nstatic Task Run(Func<Order, ILambdaContext, Task<Receipt>> handler) => LambdaBootstrapBuilder.Create(handler, SERIALIZER).Build().RunAsync();",

        // Passed by reference, so it may be replaced.
        "Func<Order, ILambdaContext, Task<Receipt>> handler = FunctionHandler;\nReplace(ref handler);\nawait LambdaBootstrapBuilder.Create(handler, SERIALIZER).Build().RunAsync();\nstatic void Replace(ref Func<Order, ILambdaContext, Task<Receipt>> h) { }",
    };

    [Theory]
    [MemberData(nameof(UncertainWirings))]
    public Task A_delegate_whose_value_is_not_certain_is_not_followed(string code) => new RulesTest(Analyzers())
    {
        TestCode = AotTemplate
            .Replace("FIELD", string.Empty)
            .Replace("WIRING", code.Replace("SERIALIZER", Serializer))
            .Replace("{|#1:", string.Empty).Replace("{|#2:", string.Empty).Replace("{|#3:", string.Empty).Replace("|}", string.Empty),
        SolutionTransforms = { TestProjects.AsExecutable },
    }.RunAsync();

    [Fact]
    public Task A_local_function_handed_over_runs_per_invoke_not_in_Init() => new RulesTest(Analyzers())
    {
        TestCode = """
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            var handler = (Func<string, ILambdaContext, Task<string>>)Handle;
            await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();

            async Task<string> Handle(string input, ILambdaContext context)
            {
                // Per invoke: a client created here is LAM0202, and this timer is not Init's background work (LAM0210).
                using var timer = new Timer(_ => { }, null, 0, 1000);
                using var http = {|#0:new HttpClient()|};
                return await http.GetStringAsync("https://example.com/" + input);
            }
            """,
        SolutionTransforms = { TestProjects.AsExecutable },
        ExpectedDiagnostics = { RulesTest.Diagnostic(LAM0202ClientCreatedPerInvoke.Rule).WithLocation(0).WithArguments("HttpClient") },
    }.RunAsync();

    private static DiagnosticAnalyzer[] Analyzers() => new DiagnosticAnalyzer[]
    {
        new LAM0102TypeMissingFromContextAnalyzer(),
        new OneLifecycleRule<LAM0200ContextInStaticField>(),
        new OneLifecycleRule<LAM0202ClientCreatedPerInvoke>(),
        new OneLifecycleRule<LAM0204SyncOverAsync>(),
        new OneLifecycleRule<LAM0210BackgroundWorkStartedInInit>(),
        new OneLifecycleRule<LAM0205WriteOutsideTmp>(),
    };

    private static Task Verify(string source, string handlerName, string storedIn, string wiring)
    {
        var test = new RulesTest(Analyzers())
        {
            TestCode = source,
            SolutionTransforms = { TestProjects.AsExecutable },
        };
        test.ExpectedDiagnostics.Add(RulesTest.Diagnostic(LAM0102TypeMissingFromContextAnalyzer.Rule).WithLocation(0)
            .WithArguments(handlerName, "returns", "Receipt", "LambdaFunctionJsonSerializerContext"));
        test.ExpectedDiagnostics.Add(RulesTest.Diagnostic(LAM0200ContextInStaticField.Rule).WithLocation(1).WithArguments($"static field '{storedIn}'"));
        test.ExpectedDiagnostics.Add(RulesTest.Diagnostic(LAM0202ClientCreatedPerInvoke.Rule).WithLocation(2).WithArguments("HttpClient"));
        test.ExpectedDiagnostics.Add(RulesTest.Diagnostic(LAM0204SyncOverAsync.Rule).WithLocation(3).WithArguments(".Result"));
        Assert.NotNull(wiring);
        return test.RunAsync();
    }
}
