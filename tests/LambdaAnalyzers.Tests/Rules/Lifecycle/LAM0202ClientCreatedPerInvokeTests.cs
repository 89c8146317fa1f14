using System.Threading.Tasks;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0202ClientCreatedPerInvoke>>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0202ClientCreatedPerInvokeTests
{
    /// <summary>
    /// A vendor SDK compiled to metadata, as a NuGet package gives it: its private fields are invisible
    /// to the analyzer, so only its public surface (a constructor taking an HttpClient) tells it owns one.
    /// </summary>
    private const string VendorLibrary = """
        namespace Vendor
        {
            public sealed class PaymentsClient : System.IDisposable
            {
                private readonly System.Net.Http.HttpClient _http;
                public PaymentsClient(string apiKey) : this(new System.Net.Http.HttpClient(), apiKey) { }
                public PaymentsClient(System.Net.Http.HttpClient http, string apiKey) { _http = http; }
                public System.Threading.Tasks.Task<string> ChargeAsync(string id) => _http.GetStringAsync(id);
                public void Dispose() => _http.Dispose();
            }

            public sealed class TokenCache : System.IDisposable
            {
                public void Dispose() { }
            }

            public sealed class ReportsClient
            {
                public ReportsClient(System.Net.Http.HttpClient http) { }
            }

            // Creates one too, but nothing public says so: from metadata it cannot be told apart.
            public sealed class SearchClient : System.IDisposable
            {
                private readonly System.Net.Http.HttpClient _http = new System.Net.Http.HttpClient();
                public void Dispose() => _http.Dispose();
            }
        }
        """;

    private static Task VerifyWithVendorAsync(string code, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = Function(code) };
        test.TestState.AdditionalReferences.Add(Infrastructure.TestReferences.CompileToMetadata("Vendor", VendorLibrary));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Flags_s3_client_created_in_an_s3_trigger() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public async Task Handle(S3Event s3Event, ILambdaContext context)
            {
                var s3 = {|#0:new AmazonS3Client()|};
                foreach (var record in s3Event.Records)
                {
                    await s3.DeleteObjectAsync(record.Bucket, record.Key);
                }
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("AmazonS3Client"));

    [Fact]
    public Task Flags_HttpClient_in_a_using_of_an_api_handler() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public async Task<ApiResponse> Handle(ApiRequest request, ILambdaContext context)
            {
                using var http = {|#0:new HttpClient()|};
                return new ApiResponse { Body = await http.GetStringAsync("https://example.com" + request.Path) };
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("HttpClient"));

    [Fact]
    public Task Flags_serializer_options_built_two_calls_deep() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public string Handle(SqsEvent sqsEvent, ILambdaContext context) => {|#1:Render(sqsEvent)|};

            private static string Render(SqsEvent sqsEvent) => {|#2:Serialize(sqsEvent.Records)|};

            private static string Serialize(List<SqsMessage> messages) =>
                JsonSerializer.Serialize(messages, {|#0:new JsonSerializerOptions { WriteIndented = true }|});
        }
        """), Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("JsonSerializerOptions"));

    // A factory of the project (a method returning a new client from every return) makes its call the creation:
    // the call is reported, and kept or not where it is made.
    [Fact]
    public Task Flags_the_call_of_a_factory_method_per_invoke() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static AmazonS3Client? _cached;

            [LambdaHandler]
            public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                var s3 = {|#0:NewClient(sqsEvent.Records.Count > 1)|};
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = "k" });
                await (_cached ??= NewClient(true)).PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = "k" });
            }

            private static AmazonS3Client NewClient(bool accelerated)
            {
                if (accelerated)
                {
                    return new AmazonS3Client(new AmazonS3Config { UseAccelerateEndpoint = true });
                }

                return new AmazonS3Client();
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("AmazonS3Client"));

    [Fact]
    public Task Ignores_helpers_that_may_return_a_kept_client() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static readonly AmazonS3Client Shared = new AmazonS3Client();

            [LambdaHandler]
            public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                await ClientFor(sqsEvent.Records.Count).PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = "k" });
                await (await NewClientAsync()).PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = "k" });
            }

            private static AmazonS3Client ClientFor(int count) => count > 1 ? Shared : Shared;

            private static async Task<AmazonS3Client> NewClientAsync()
            {
                await Task.Yield();
                return Shared;
            }
        }
        """));

    [Fact]
    public Task Flags_client_created_inside_a_lambda() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                await Task.WhenAll(sqsEvent.Records.Select(async message =>
                {
                    var s3 = {|#0:new AmazonS3Client()|};
                    await s3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = message.MessageId, ContentBody = message.Body });
                }));
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("AmazonS3Client"));

    [Fact]
    public Task Flags_configuration_built_by_a_scheduled_job() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public string? Handle(ScheduledEvent scheduled, ILambdaContext context)
            {
                var configuration = {|#0:new ConfigurationBuilder().AddEnvironmentVariables().Build()|};
                return configuration["TABLE"];
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("configuration (IConfigurationRoot)"));

    [Fact]
    public Task Flags_field_overwritten_on_every_invoke() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private AmazonS3Client? _s3;

            [LambdaHandler]
            public Task Handle(S3Event s3Event, ILambdaContext context)
            {
                _s3 = {|#0:new AmazonS3Client()|};
                return _s3.DeleteObjectAsync(s3Event.Records[0].Bucket, s3Event.Records[0].Key);
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("AmazonS3Client"));

    [Fact]
    public Task Flags_a_field_overwritten_when_the_input_asks_for_it() => Verify.VerifyAsync(Function("""
        public enum Storage { S3, Local }

        public class Function
        {
            private AmazonS3Client? _s3;

            [LambdaHandler]
            public Task Handle(ApiRequest request, ILambdaContext context)
            {
                // The condition compares the input with a constant: it holds again on the next invoke.
                var storage = request.Path == "/s3" ? Storage.S3 : Storage.Local;
                if (storage == Storage.S3)
                {
                    _s3 = {|#0:new AmazonS3Client()|};
                }

                var operations = new Operations();
                return {|#2:operations.RunAsync(storage)|};
            }
        }

        public class Operations
        {
            private AmazonS3Client? _client;

            public Task RunAsync(Storage storage)
            {
                if (storage == Storage.S3)
                {
                    _client = {|#1:new AmazonS3Client()|};
                }

                return Task.CompletedTask;
            }
        }
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("AmazonS3Client"),
        Verify.Diagnostic().WithLocation(1).WithLocation(2).WithArguments("AmazonS3Client"));

    [Fact]
    public Task Flags_types_listed_in_editorconfig() => new Verify.Test
    {
        TestCode = Function("""
            namespace Data { public sealed class PooledStore { public string Get(string key) => key; } }

            public class Function
            {
                [LambdaHandler]
                public string Handle(ApiRequest request, ILambdaContext context) => {|#0:new Data.PooledStore()|}.Get(request.Path);
            }
            """),
        TestState = { AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n\n[*.cs]\nlambda_analyzers.expensive_types = Data.PooledStore, Unknown.Type\n") } },
        ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("PooledStore") },
    }.RunAsync();

    [Fact]
    public Task Flags_logging_and_dependency_injection_built_per_invoke() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                using var logging = {|#0:Microsoft.Extensions.Logging.LoggerFactory.Create(builder => Microsoft.Extensions.Logging.ConsoleLoggerExtensions.AddConsole(builder))|};
                var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
                Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Function>(services);
                using var provider = {|#1:Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services)|};
                var logger = logging.CreateLogger("orders");
                var other = {|#2:new Microsoft.Extensions.Logging.LoggerFactory()|};
                logger.Log(sqsEvent.Records.Count + "" + other);
            }
        }
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("logger factory (ILoggerFactory)"),
        Verify.Diagnostic().WithLocation(1).WithArguments("service provider (ServiceProvider)"),
        Verify.Diagnostic().WithLocation(2).WithArguments("LoggerFactory"));

    [Fact]
    public Task Flags_a_library_client_that_creates_its_own_HttpClient() => VerifyWithVendorAsync("""
        public class Function
        {
            private static readonly HttpClient s_http = new();

            [LambdaHandler]
            public async Task<string> Handle(ApiRequest request, ILambdaContext context)
            {
                using var payments = {|#0:new Vendor.PaymentsClient("key")|};
                var shared = new Vendor.PaymentsClient(s_http, "key");
                var tokens = new Vendor.TokenCache();
                var reports = new Vendor.ReportsClient(s_http);
                using var search = new Vendor.SearchClient();
                return await payments.ChargeAsync(request.Path) + await shared.ChargeAsync(request.Path) + tokens + reports + search;
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithArguments("PaymentsClient (it creates its own HttpClient)"));

    [Fact]
    public Task Flags_a_project_client_whose_constructor_creates_what_it_uses_at_its_creation() => Verify.VerifyAsync(Function("""
        public sealed class GitHubApi : IDisposable
        {
            private readonly HttpClient _http = new HttpClient();
            public Task<string> GetAsync(string path) => _http.GetStringAsync(path);
            public void Dispose() => _http.Dispose();
        }

        public sealed class Renderer
        {
            private readonly JsonSerializerOptions _options;
            public Renderer() { _options = new JsonSerializerOptions { WriteIndented = true }; }
            public string Render(object value) => JsonSerializer.Serialize(value, _options);
        }

        public class Function
        {
            private Renderer? _renderer;

            [LambdaHandler]
            public async Task<string> Handle(ApiRequest request, ILambdaContext context)
            {
                using var api = {|#0:new GitHubApi()|};
                var page = {|#1:new Renderer()|}.Render(await api.GetAsync(request.Path));
                _renderer ??= new Renderer();
                return page + _renderer.Render(request);
            }
        }
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("GitHubApi (it creates its own HttpClient)"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Renderer (it creates its own JsonSerializerOptions)"));

    [Fact]
    public Task Ignores_cheap_objects_and_clients_given_their_connection() => VerifyWithVendorAsync("""
        public sealed class OrdersApi
        {
            private readonly HttpClient _http;
            public OrdersApi(HttpClient http) { _http = http; }
            public Task<string> GetAsync(string id) => _http.GetStringAsync(id);
        }

        public class Function
        {
            private static readonly HttpClient s_http = new();
            private static readonly Microsoft.Extensions.Logging.ILoggerFactory s_logging =
                Microsoft.Extensions.Logging.LoggerFactory.Create(builder => Microsoft.Extensions.Logging.ConsoleLoggerExtensions.AddConsole(builder));
            private Microsoft.Extensions.DependencyInjection.ServiceProvider? _services;

            [LambdaHandler]
            public async Task<string> Handle(ApiRequest request, ILambdaContext context)
            {
                _services ??= Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(
                    new Microsoft.Extensions.DependencyInjection.ServiceCollection());
                var config = new Amazon.S3.AmazonS3Config { ForcePathStyle = true };
                using var handler = new HttpClientHandler();
                using var content = new StringContent(request.Body);
                using var cts = new CancellationTokenSource();
                var api = new OrdersApi(s_http);
                var payments = new Vendor.PaymentsClient(s_http, "key");
                return await api.GetAsync(request.Path) + await payments.ChargeAsync(request.Path) + config.ServiceURL + s_logging + content;
            }
        }
        """);

    [Fact]
    public Task Ignores_an_unresolved_client_type_and_a_client_with_an_unresolved_base() => new Verify.Test
    {
        TestCode = Function("""
            public sealed class PartnerClient : Partner.ClientBase
            {
                private readonly HttpClient _http = new HttpClient();
            }

            public class Function
            {
                [LambdaHandler]
                public string Handle(ApiRequest request, ILambdaContext context) => new Partner.Missing().ToString() + new PartnerClient();
            }
            """),
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
    }.RunAsync();

    [Fact]
    public Task Ignores_creation_in_Init_code() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static readonly AmazonS3Client s_s3 = new AmazonS3Client();
            private readonly HttpClient _http;
            private readonly JsonSerializerOptions _json = new JsonSerializerOptions();

            public Function() { _http = new HttpClient(); }

            [LambdaHandler]
            public async Task<string> Handle(ApiRequest request, ILambdaContext context) =>
                JsonSerializer.Serialize(await _http.GetStringAsync("https://example.com"), _json) + s_s3.Config.RegionEndpoint;
        }
        """));

    [Fact]
    public Task Ignores_lazy_initialisation_inside_the_handler() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static readonly object s_gate = new();
            private static readonly Lazy<AmazonS3Client> s_lazy = new(() => new AmazonS3Client());
            private static HttpClient? s_http;
            private AmazonS3Client? _s3;
            private JsonSerializerOptions? _json;

            [LambdaHandler]
            public async Task<string> Handle(ApiRequest request, ILambdaContext context)
            {
                _s3 ??= new AmazonS3Client();
                if (_json == null)
                {
                    _json = new JsonSerializerOptions();
                }

                lock (s_gate)
                {
                    s_http = s_http ?? new HttpClient();
                }

                var lazy = new Lazy<HttpClient>(() => new HttpClient());
                LazyInitializer.EnsureInitialized(ref s_http, () => new HttpClient());
                return JsonSerializer.Serialize(await s_http.GetStringAsync("https://example.com"), _json) + _s3.Config.RegionEndpoint + s_lazy.Value.Config.RegionEndpoint;
            }
        }
        """));

    [Fact]
    public Task Follows_clients_through_a_collection_expression() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static AmazonS3Client[]? s_regional;

            [LambdaHandler]
            public async Task<int> Handle(S3Event s3Event, ILambdaContext context)
            {
                // Kept: created once, under the guard.
                s_regional ??= [new AmazonS3Client(), new AmazonS3Client()];

                // Not kept: a new array of new clients on every invoke.
                AmazonS3Client[] clients = [{|#0:new AmazonS3Client()|}];
                var response = await clients[0].ListBucketsAsync();
                return response.Buckets.Count + s_regional.Length;
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("AmazonS3Client"));

    [Fact]
    public Task Ignores_IHttpClientFactory_CreateClient() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private readonly IHttpClientFactory _factory;
            public Function(IHttpClientFactory factory) { _factory = factory; }
            public Function() : this(null!) { }

            [LambdaHandler]
            public Task<string> Handle(ApiRequest request, ILambdaContext context) => _factory.CreateClient("api").GetStringAsync(request.Path);
        }
        """));

    [Fact]
    public Task Ignores_HttpRequestMessage() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static readonly HttpClient s_http = new();

            [LambdaHandler]
            public async Task<ApiResponse> Handle(ApiRequest request, ILambdaContext context)
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, "https://example.com") { Content = new StringContent(request.Body) };
                using var response = await s_http.SendAsync(message);
                return new ApiResponse { StatusCode = (int)response.StatusCode };
            }
        }
        """));

    [Fact]
    public Task Ignores_pooled_DB_connections_in_using() => Verify.VerifyAsync(Function("""
        namespace Data
        {
            public sealed class DbConnection : IDisposable
            {
                public DbConnection(string connectionString) { }
                public void Open() { }
                public void Dispose() { }
            }
        }

        public class Function
        {
            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                using var connection = new Data.DbConnection(Environment.GetEnvironmentVariable("DB") ?? "");
                connection.Open();
            }
        }
        """));

    [Fact]
    public Task Ignores_cached_clients_per_region() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static readonly ConcurrentDictionary<string, AmazonS3Client> s_clients = new();
            private static readonly Dictionary<string, HttpClient> s_http = new();

            [LambdaHandler]
            public Task Handle(S3Event s3Event, ILambdaContext context)
            {
                var client = s_clients.GetOrAdd("us-east-1", region => new AmazonS3Client(Amazon.RegionEndpoint.GetBySystemName(region)));
                s_http["default"] = new HttpClient();
                return client.DeleteObjectAsync(s3Event.Records[0].Bucket, s3Event.Records[0].Key);
            }
        }
        """));

    [Fact]
    public Task Ignores_factory_methods_returning_a_client() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private AmazonS3Client? _s3;

            [LambdaHandler]
            public Task Handle(S3Event s3Event, ILambdaContext context)
            {
                _s3 ??= CreateClient();
                return _s3.DeleteObjectAsync(s3Event.Records[0].Bucket, s3Event.Records[0].Key);
            }

            private static AmazonS3Client CreateClient() => new AmazonS3Client(Amazon.RegionEndpoint.USEast1);
        }
        """));

    [Fact]
    public Task Ignores_common_correct_idioms() => Verify.VerifyAsync(Idioms);
}
