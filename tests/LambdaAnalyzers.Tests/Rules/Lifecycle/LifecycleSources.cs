namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

/// <summary>Handler shapes shared by the lifecycle rule tests: hand-written event types and framework stand-ins.</summary>
internal static class LifecycleSources
{
    public const string Usings = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.Lambda.Core;
        using Amazon.S3;
        using Amazon.S3.Model;
        using LambdaAnalyzers.Runtime;
        using Microsoft.Extensions.Configuration;

        """;

    public const string Events = """
        [assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

        public class ApiRequest { public string Path { get; set; } = ""; public string Body { get; set; } = ""; public Dictionary<string, string> Headers { get; set; } = new(); }
        public class ApiResponse { public int StatusCode { get; set; } public string Body { get; set; } = ""; }
        public class SqsEvent { public List<SqsMessage> Records { get; set; } = new(); }
        public class SqsMessage { public string MessageId { get; set; } = ""; public string Body { get; set; } = ""; }
        public class S3Event { public List<S3Record> Records { get; set; } = new(); }
        public class S3Record { public string Bucket { get; set; } = ""; public string Key { get; set; } = ""; }
        public class ScheduledEvent { public string Id { get; set; } = ""; public DateTime Time { get; set; } }

        """;

    /// <summary>Declarations of Microsoft.Extensions types the test references do not include, shaped like the real ones.</summary>
    public const string ExtensionStandIns = """
        namespace Microsoft.Extensions.Configuration
        {
            public interface IConfiguration { string? this[string key] { get; } }
            public interface IConfigurationRoot : IConfiguration { }
            public interface IConfigurationBuilder { IConfigurationRoot Build(); }
            public class ConfigurationBuilder : IConfigurationBuilder
            {
                public IConfigurationRoot Build() => null!;
            }
            public static class EnvironmentVariablesExtensions
            {
                public static IConfigurationBuilder AddEnvironmentVariables(this IConfigurationBuilder builder) => builder;
            }
        }

        namespace System.Net.Http
        {
            public interface IHttpClientFactory { HttpClient CreateClient(string name); }
        }

        namespace Microsoft.Extensions.Logging
        {
            public interface ILogger { void Log(string message); }
            public interface ILoggingBuilder { }
            public interface ILoggerFactory : System.IDisposable { ILogger CreateLogger(string categoryName); }
            public class LoggerFactory : ILoggerFactory
            {
                public static ILoggerFactory Create(System.Action<ILoggingBuilder> configure) => new LoggerFactory();
                public ILogger CreateLogger(string categoryName) => null!;
                public void Dispose() { }
            }
            public static class ConsoleLoggerExtensions
            {
                public static ILoggingBuilder AddConsole(this ILoggingBuilder builder) => builder;
            }
        }

        namespace Microsoft.Extensions.DependencyInjection
        {
            public interface IServiceCollection { }
            public class ServiceCollection : IServiceCollection { }
            public sealed class ServiceProvider : System.IServiceProvider, System.IDisposable
            {
                public object? GetService(System.Type serviceType) => null;
                public void Dispose() { }
            }
            public static class ServiceCollectionServiceExtensions
            {
                public static IServiceCollection AddSingleton<T>(this IServiceCollection services) where T : class => services;
            }
            public static class ServiceCollectionContainerBuilderExtensions
            {
                public static ServiceProvider BuildServiceProvider(this IServiceCollection services) => new ServiceProvider();
            }
        }

        """;

    /// <summary>A class-library function: usings, the event types and <paramref name="code"/>.</summary>
    public static string Function(string code) => Usings + Events + code + "\n" + ExtensionStandIns;

    /// <summary>
    /// A handler written the way the rules want: every lifecycle rule must stay silent on it
    /// (static clients, DI in constructors, IHttpClientFactory, Lazy&lt;T&gt;, <c>??=</c> lazy clients,
    /// ConcurrentDictionary caches, awaited Task.WhenAll then .Result, Path.GetTempPath()).
    /// </summary>
    public static readonly string Idioms = Function("""
        public class IdiomaticFunction
        {
            private static readonly IAmazonS3 S3 = new AmazonS3Client();
            private static readonly HttpClient Http = new HttpClient();
            private static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            private static readonly Lazy<AmazonS3Client> LazyS3 = new(() => new AmazonS3Client());
            private static readonly ConcurrentDictionary<string, AmazonS3Client> Regional = new();
            private static readonly ConcurrentDictionary<string, string> Cache = new();
            private static readonly AsyncLocal<ILambdaContext?> Current = new();
            private static int s_invocations;
            private static bool s_coldStart = true;
            private readonly IHttpClientFactory _factory;
            private readonly IAmazonS3 _injected;
            private AmazonS3Client? _lazy;

            public IdiomaticFunction() : this(new DefaultFactory(), new AmazonS3Client()) { }

            public IdiomaticFunction(IHttpClientFactory factory, IAmazonS3 injected)
            {
                _factory = factory;
                _injected = injected;
            }

            [LambdaHandler]
            public async Task<ApiResponse> Handle(ApiRequest request, ILambdaContext context)
            {
                Current.Value = context;
                s_coldStart = false;
                Interlocked.Increment(ref s_invocations);
                context.Logger.LogInformation($"Handling {request.Path}");
                _lazy ??= new AmazonS3Client();
                var client = _factory.CreateClient("api");
                using var message = new HttpRequestMessage(HttpMethod.Get, "https://example.com/" + request.Path);
                using var response = await client.SendAsync(message);
                var regional = Regional.GetOrAdd("eu-west-1", _ => new AmazonS3Client());
                Cache[request.Path] = request.Body;
                var first = LazyS3.Value.ListBucketsAsync();
                var second = _injected.ListBucketsAsync();
                await Task.WhenAll(first, second);
                var count = first.Result.Buckets.Count + second.Result.Buckets.Count;
                var scratch = Path.Combine(Path.GetTempPath(), "request.json");
                await File.WriteAllTextAsync(scratch, JsonSerializer.Serialize(request, Json));
                await File.WriteAllTextAsync("/tmp/last.json", request.Body);
                var upload = S3.PutObjectAsync(new PutObjectRequest { BucketName = "bucket", Key = "key", FilePath = scratch });
                await upload;
                Log(context, count);
                var region = Environment.GetEnvironmentVariable("AWS_REGION");
                return new ApiResponse { StatusCode = 200, Body = await Http.GetStringAsync("https://example.com/" + region) };
            }

            private static void Log(ILambdaContext context, int count) => context.Logger.LogInformation($"{count} buckets");

            private sealed class DefaultFactory : IHttpClientFactory
            {
                public HttpClient CreateClient(string name) => Http;
            }
        }
        """);

    /// <summary>Turns on a rule that ships disabled (LAM0209).</summary>
    public static (string Path, string Content) Enable(string id) => ("/.globalconfig", $"is_global = true\ndotnet_diagnostic.{id}.severity = warning\n");
}
