using System.Threading.Tasks;
using LambdaAnalyzers.Rules.Lifecycle;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LambdaAnalyzers.Tests.Handlers;

/// <summary>
/// An ASP.NET Core app run by Lambda serves every invoke through its endpoints, middleware and
/// controllers: that code is the invoke path (02xx). The same app without Lambda hosting is a web
/// server like any other and is left alone; so is the code that builds the app (Init).
/// </summary>
public sealed class AspNetCoreEntriesTests
{
    private const string MinimalApi = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Amazon.S3;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        HOSTING
        builder.Services.AddSingleton<IAmazonS3>(_ => new AmazonS3Client());
        var startupClient = new AmazonS3Client();
        var app = builder.Build();
        app.UseExceptionHandler(errorApp => errorApp.Run(async context => await context.Response.WriteAsync("failed")));
        app.MapControllers();
        app.MapGet("/", () =>
        {
            var s3 = {|#0:new AmazonS3Client()|};
            return s3.Config.RegionEndpoint?.SystemName ?? "none";
        });
        app.MapPost("/orders", CreateOrder);
        app.Use(async (context, next) =>
        {
            {|#1:Task.Delay(1).Wait()|};
            await next();
        });
        app.Run();

        static string CreateOrder(Order order)
        {
            using var http = {|#2:new HttpClient()|};
            return order.Id;
        }

        public class Order { public string Id { get; set; } = ""; }

        [ApiController]
        [Route("orders")]
        public class OrdersController : ControllerBase
        {
            [HttpGet("{id}")]
            public async Task<string> Get(string id)
            {
                using var http = {|#3:new HttpClient()|};
                return await http.GetStringAsync("https://example.com/" + id);
            }

            [NonAction]
            public string Describe()
            {
                using var http = new HttpClient();
                return http.BaseAddress?.ToString() ?? "";
            }
        }
        """;

    private const string StartupFunction = """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Amazon.Lambda.AspNetCoreServer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        ENTRY_POINT

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services) => services.AddControllers();

            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseEndpoints(endpoints =>
                {
                    endpoints.MapControllers();
                    endpoints.MapGet("/health", async context =>
                    {
                        {|#0:Task.Delay(1).Wait()|};
                        await context.Response.WriteAsync("ok");
                    });
                });
            }
        }

        [ApiController]
        [Route("values")]
        public class ValuesController : ControllerBase
        {
            [HttpGet]
            public async Task<string> Get()
            {
                using var http = {|#1:new HttpClient()|};
                return await http.GetStringAsync("https://example.com/");
            }
        }
        """;

    [Fact]
    public Task Endpoints_middleware_and_controllers_of_a_hosted_app_are_the_invoke_path() => new RulesTest(TestReferences.AspNetCoreFunction, Analyzers())
    {
        TestCode = MinimalApi.Replace("HOSTING", "builder.Services.AddAWSLambdaHosting(LambdaEventSource.HttpApi);"),
        SolutionTransforms = { TestProjects.AsExecutable },
        ExpectedDiagnostics =
        {
            RulesTest.Diagnostic(LAM0202ClientCreatedPerInvoke.Rule).WithLocation(0).WithArguments("AmazonS3Client"),
            RulesTest.Diagnostic(LAM0204SyncOverAsync.Rule).WithLocation(1).WithArguments(".Wait()"),
            RulesTest.Diagnostic(LAM0202ClientCreatedPerInvoke.Rule).WithLocation(2).WithArguments("HttpClient"),
            RulesTest.Diagnostic(LAM0202ClientCreatedPerInvoke.Rule).WithLocation(3).WithArguments("HttpClient"),
        },
    }.RunAsync();

    [Fact]
    public Task The_same_app_without_Lambda_hosting_is_not_a_Lambda_function() => new RulesTest(TestReferences.AspNetCoreFunction, Analyzers())
    {
        TestCode = Unmarked(MinimalApi.Replace("HOSTING", string.Empty)),
        SolutionTransforms = { TestProjects.AsExecutable },
    }.RunAsync();

    [Fact]
    public Task An_APIGatewayProxyFunction_subclass_makes_its_app_the_invoke_path() => new RulesTest(TestReferences.AspNetCoreFunction, Analyzers())
    {
        TestCode = StartupFunction.Replace("ENTRY_POINT", """
            public class LambdaEntryPoint : APIGatewayProxyFunction
            {
                protected override void Init(IWebHostBuilder builder) => builder.UseStartup<Startup>();
            }
            """),
        ExpectedDiagnostics =
        {
            RulesTest.Diagnostic(LAM0204SyncOverAsync.Rule).WithLocation(0).WithArguments(".Wait()"),
            RulesTest.Diagnostic(LAM0202ClientCreatedPerInvoke.Rule).WithLocation(1).WithArguments("HttpClient"),
        },
    }.RunAsync();

    [Fact]
    public Task An_ApplicationLoadBalancerFunction_subclass_too() => new RulesTest(TestReferences.AspNetCoreFunction, Analyzers())
    {
        TestCode = StartupFunction.Replace("ENTRY_POINT", "public class LambdaEntryPoint : ApplicationLoadBalancerFunction<Startup> { }"),
        ExpectedDiagnostics =
        {
            RulesTest.Diagnostic(LAM0204SyncOverAsync.Rule).WithLocation(0).WithArguments(".Wait()"),
            RulesTest.Diagnostic(LAM0202ClientCreatedPerInvoke.Rule).WithLocation(1).WithArguments("HttpClient"),
        },
    }.RunAsync();

    [Fact]
    public Task A_Startup_without_a_Lambda_entry_point_is_not_a_Lambda_function() => new RulesTest(TestReferences.AspNetCoreFunction, Analyzers())
    {
        TestCode = Unmarked(StartupFunction.Replace("ENTRY_POINT", string.Empty)),
    }.RunAsync();

    [Fact]
    public Task Controllers_hold_no_state_between_requests() => new RulesTest(TestReferences.AspNetCoreFunction, Analyzers())
    {
        // ASP.NET Core creates a controller per request: an instance field given request data is not LAM0201.
        TestCode = """
            using System.Net.Http;
            using Amazon.Lambda.AspNetCoreServer;
            using Microsoft.AspNetCore.Mvc;

            public class LambdaEntryPoint : APIGatewayHttpApiV2ProxyFunction<object> { }

            [ApiController]
            [Route("orders")]
            public class OrdersController : ControllerBase
            {
                private string? _lastId;

                [HttpGet("{id}")]
                public string Get(string id)
                {
                    _lastId = id;
                    using var http = {|#0:new HttpClient()|};
                    return _lastId;
                }
            }
            """,
        ExpectedDiagnostics = { RulesTest.Diagnostic(LAM0202ClientCreatedPerInvoke.Rule).WithLocation(0).WithArguments("HttpClient") },
    }.RunAsync();

    private static string Unmarked(string source) =>
        System.Text.RegularExpressions.Regex.Replace(source, @"\{\|#\d+:", string.Empty).Replace("|}", string.Empty);

    private static DiagnosticAnalyzer[] Analyzers() => new DiagnosticAnalyzer[]
    {
        new OneLifecycleRule<LAM0201ContextInInstanceField>(),
        new OneLifecycleRule<LAM0202ClientCreatedPerInvoke>(),
        new OneLifecycleRule<LAM0204SyncOverAsync>(),
        new OneLifecycleRule<LAM0210BackgroundWorkStartedInInit>(),
    };
}
