namespace LambdaAnalyzers.Tests.RealWorld;

/// <summary>
/// Building blocks of the real-world test projects: the usings and event shapes the studied
/// functions use, Microsoft.Extensions stand-ins the test references lack, and the config files
/// as the .NET Lambda tools write them.
/// </summary>
internal static class RealWorldSources
{
    public const string SystemTextJson = "[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]\n";

    public const string NewtonsoftJson = "[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.Json.JsonSerializer))]\n";

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.Lambda.Core;
        using Amazon.Lambda.RuntimeSupport;
        using Amazon.Lambda.Serialization.SystemTextJson;
        using Amazon.Runtime;
        using Amazon.S3;
        using Amazon.S3.Model;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        """;

    /// <summary>Event and response shapes after the ones the studied functions take (API Gateway, SQS, a feed item).</summary>
    private const string Events = """
        public class FeedItem { public string Id { get; set; } = ""; public string Text { get; set; } = ""; }
        public class QueueMessage { public string MessageId { get; set; } = ""; public string Body { get; set; } = ""; }
        public class QueueBatch { public List<QueueMessage> Messages { get; set; } = new(); }
        public class WebRequest { public string Path { get; set; } = ""; public Dictionary<string, string> Headers { get; set; } = new(); }
        public class WebResponse { public int StatusCode { get; set; } public string Body { get; set; } = ""; }

        """;

    /// <summary>
    /// Microsoft.Extensions.Configuration, .DependencyInjection and Amazon.Lambda.AspNetCoreServer.Hosting
    /// as far as the studied functions use them (the test references hold none of these packages).
    /// </summary>
    private const string Extensions = """

        namespace Microsoft.Extensions.Configuration
        {
            public interface IConfiguration { string? this[string key] { get; } }
            public interface IConfigurationRoot : IConfiguration { }
            public interface IConfigurationBuilder { IConfigurationRoot Build(); }
            public class ConfigurationBuilder : IConfigurationBuilder { public IConfigurationRoot Build() => null!; }
            public static class JsonAndEnvironmentSources
            {
                public static IConfigurationBuilder SetBasePath(this IConfigurationBuilder builder, string basePath) => builder;
                public static IConfigurationBuilder AddJsonFile(this IConfigurationBuilder builder, string path, bool optional, bool reloadOnChange) => builder;
                public static IConfigurationBuilder AddEnvironmentVariables(this IConfigurationBuilder builder) => builder;
            }
        }

        namespace Microsoft.Extensions.DependencyInjection
        {
            public interface IServiceCollection { }
            public class ServiceCollection : IServiceCollection { }
            public sealed class ServiceProvider : IServiceProvider { public object? GetService(Type serviceType) => null; }
            public static class ContainerBuilding
            {
                public static ServiceProvider BuildServiceProvider(this IServiceCollection services) => new ServiceProvider();
            }
        }

        namespace Amazon.Lambda.AspNetCoreServer.Hosting
        {
            using Microsoft.Extensions.DependencyInjection;

            public enum LambdaEventSource { RestApi, HttpApi, ApplicationLoadBalancer }

            public static class HostingRegistration
            {
                public static IServiceCollection AddAWSLambdaHosting(this IServiceCollection services, LambdaEventSource eventSource) => services;
            }
        }

        """;

    /// <summary>A source file: usings, the assembly attribute <paramref name="serializer"/> (may be empty), the event shapes, <paramref name="code"/> and the stand-ins.</summary>
    public static string Source(string serializer, string code) => Usings + serializer + Events + code + "\n" + Extensions;

    /// <summary>Top-level statements first (C# requires them before any type), then the rest of <see cref="Source"/>.</summary>
    public static string TopLevel(string statements, string types = "") => Usings + statements + "\n" + Events + types + "\n" + Extensions;

    /// <summary>An aws-lambda-tools-defaults.json as <c>dotnet new lambda.*</c> writes it.</summary>
    public static string ToolsDefaults(string handler, string runtime = "dotnet8") => $$"""
        {
          "profile": "",
          "region": "",
          "configuration": "Release",
          "function-runtime": "{{runtime}}",
          "function-memory-size": 256,
          "function-timeout": 30,
          "function-handler": "{{handler}}"
        }
        """;
}
