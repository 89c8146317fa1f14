using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using LambdaAnalyzers.ConfigFiles;
using LambdaAnalyzers.Shim.Internal;

namespace LambdaAnalyzers.Shim.Http;

/// <summary>
/// The routes a SAM template gives a function: its <c>Api</c> events (REST API, stage <c>Prod</c> or the API
/// resource's <c>StageName</c>), its <c>HttpApi</c> events (payload 2.0 or the event's <c>PayloadFormatVersion</c>;
/// no <c>Path</c> means <c>$default</c>) and its <c>FunctionUrlConfig</c> (<c>InvokeMode: RESPONSE_STREAM</c> streams).
/// CORS and binary media types come from the API resource a <c>RestApiId</c>/<c>ApiId</c> names, else from
/// <c>Globals</c>. YAML (<c>template.yaml</c>) and JSON (<c>serverless.template</c>) templates are read.
/// </summary>
public static class SamHttpRoutes
{
    /// <summary>The stage SAM gives the REST API it creates for <c>Api</c> events with no <c>RestApiId</c>.</summary>
    public const string ImplicitRestStage = "Prod";

    /// <summary>
    /// The routes of one function resource of <paramref name="templatePath"/>, served by the shim registered as
    /// <paramref name="functionName"/>. <paramref name="resource"/> is the function's logical id; null takes the first
    /// function resource with HTTP events or a function URL.
    /// </summary>
    /// <exception cref="FileNotFoundException">The template does not exist.</exception>
    public static IReadOnlyList<HttpRoute> Read(string templatePath, string functionName, string? resource = null)
    {
        ArgumentNullException.ThrowIfNull(templatePath);
        ArgumentNullException.ThrowIfNull(functionName);
        if (!File.Exists(templatePath))
        {
            throw new FileNotFoundException($"Template not found: {templatePath}", templatePath);
        }

        var template = LambdaConfigFiles.ReadText(templatePath, File.ReadAllText(templatePath));
        if (template.Document.Error is { } error)
        {
            throw new InvalidOperationException($"{templatePath}{error}");
        }

        var root = template.Document.Root;
        var resources = Map(root, "Resources");
        var globals = Map(root, "Globals");
        var fileName = Path.GetFileName(templatePath);
        foreach (var entry in resources?.Properties ?? default)
        {
            var logicalId = entry.Name;
            var declaration = entry.Value;
            if (Text(declaration, "Type") is not ("AWS::Serverless::Function" or "AWS::Lambda::Function")
                || (resource is not null && logicalId != resource))
            {
                continue;
            }

            var properties = Map(declaration, "Properties");
            var routes = FunctionRoutes(properties, resources, globals, functionName, $"{fileName}: {logicalId}");
            if (routes.Count > 0 || resource is not null)
            {
                return routes;
            }
        }

        return Array.Empty<HttpRoute>();
    }

    /// <summary>
    /// The routes of the function a shim reads from <paramref name="configurationDirectory"/> (its
    /// <see cref="LambdaShimOptions.ConfigurationDirectory"/>, or its code folder): the same template, the same resource.
    /// Empty when the folder holds no SAM/CloudFormation template (an <c>aws-lambda-tools-defaults.json</c> has no routes).
    /// </summary>
    public static IReadOnlyList<HttpRoute> FromConfigurationDirectory(string configurationDirectory, string functionName)
    {
        var declared = DeclaredFunctions.Read(configurationDirectory);
        var function = declared.Functions.FirstOrDefault(f => f.Answers(functionName)) ?? (declared.Functions.Count == 1 ? declared.Functions[0] : null);
        return declared.Source is { } template && function?.LogicalId is { } resource
            ? Read(template, functionName, resource)
            : Array.Empty<HttpRoute>();
    }

    /// <summary>One catch-all route of <paramref name="format"/> for <paramref name="functionName"/> (REST: <c>ANY /</c> and <c>ANY /{proxy+}</c>).</summary>
    public static IReadOnlyList<HttpRoute> CatchAll(string functionName, HttpEventFormat format, bool responseStreaming = false)
    {
        var source = "catch-all";
        return format == HttpEventFormat.RestApi
            ? new[]
            {
                new HttpRoute { FunctionName = functionName, Format = format, Path = "/", Source = source },
                new HttpRoute { FunctionName = functionName, Format = format, Path = "/{proxy+}", Source = source },
            }
            : new[] { new HttpRoute { FunctionName = functionName, Format = format, ResponseStreaming = responseStreaming && format == HttpEventFormat.FunctionUrl, Source = source } };
    }

    private static List<HttpRoute> FunctionRoutes(
        ConfigNode? properties, ConfigNode? resources, ConfigNode? globals, string functionName, string source)
    {
        var routes = new List<HttpRoute>();
        if (Map(properties, "Events") is { } events)
        {
            foreach (var entry in events.Properties)
            {
                var eventName = entry.Name;
                var declaration = entry.Value;

                // An HttpApi event may have no properties at all: the $default route of the implicit API.
                var eventProperties = Map(declaration, "Properties");
                var type = Text(declaration, "Type");
                if (type == "Api")
                {
                    routes.Add(RestRoute(eventProperties, resources, globals, functionName, $"{source}.Events.{eventName}"));
                }
                else if (type == "HttpApi")
                {
                    routes.Add(HttpApiRoute(eventProperties, resources, globals, functionName, $"{source}.Events.{eventName}"));
                }
            }
        }

        if (Map(properties, "FunctionUrlConfig") is { } url)
        {
            routes.Add(new HttpRoute
            {
                FunctionName = functionName,
                Format = HttpEventFormat.FunctionUrl,
                ResponseStreaming = string.Equals(Text(url, "InvokeMode"), "RESPONSE_STREAM", StringComparison.OrdinalIgnoreCase),
                Cors = Map(url, "Cors") is { } cors ? ListCors(cors) : null,
                Source = $"{source}.FunctionUrlConfig",
            });
        }

        return routes;
    }

    private static HttpRoute RestRoute(ConfigNode? properties, ConfigNode? resources, ConfigNode? globals, string functionName, string source)
    {
        var api = ApiResource(properties, "RestApiId", resources);
        var globalApi = Map(globals, "Api");
        var cors = api?.Get("Cors") is not null ? RestCors(api) : RestCors(globalApi);
        var binary = api?.Get("BinaryMediaTypes") is not null ? List(api, "BinaryMediaTypes") : List(globalApi, "BinaryMediaTypes");
        return new HttpRoute
        {
            FunctionName = functionName,
            Format = HttpEventFormat.RestApi,
            Method = Method(properties),
            Path = Text(properties, "Path") ?? "/",
            Stage = (api is null ? null : Text(api, "StageName")) ?? ImplicitRestStage,
            ApiId = ReferencedId(properties, "RestApiId"),
            Cors = cors,
            BinaryMediaTypes = binary.Select(t => t.Replace("~1", "/", StringComparison.Ordinal)).ToList(),
            Source = source,
        };
    }

    private static HttpRoute HttpApiRoute(ConfigNode? properties, ConfigNode? resources, ConfigNode? globals, string functionName, string source)
    {
        var api = ApiResource(properties, "ApiId", resources);
        var globalApi = Map(globals, "HttpApi");
        var corsOwner = api?.Get("CorsConfiguration") is not null ? api : globalApi;
        var path = Text(properties, "Path");
        return new HttpRoute
        {
            FunctionName = functionName,
            Format = Text(properties, "PayloadFormatVersion") is "1.0" ? HttpEventFormat.HttpApiV1 : HttpEventFormat.HttpApiV2,
            Method = path is null ? HttpRoute.AnyMethod : Method(properties),
            Path = path ?? HttpRoute.DefaultRoute,
            Stage = api is null ? null : Text(api, "StageName"),
            ApiId = ReferencedId(properties, "ApiId"),
            Cors = HttpApiCors(corsOwner),
            IntegrationTimeout = int.TryParse(Text(properties, "TimeoutInMillis"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
                ? TimeSpan.FromMilliseconds(ms) : null,
            Source = source,
        };
    }

    private static string Method(ConfigNode? properties)
    {
        var method = Text(properties, "Method") ?? HttpRoute.AnyMethod;
        return method.Equals("any", StringComparison.OrdinalIgnoreCase) || method == "*" ? HttpRoute.AnyMethod : method.ToUpperInvariant();
    }

    /// <summary>The logical id an event's <c>RestApiId</c>/<c>ApiId</c> refers to (<c>!Ref MyApi</c>, <c>{ "Ref": "MyApi" }</c>).</summary>
    private static string? ReferencedId(ConfigNode? properties, string key)
    {
        var value = properties?.Get(key);
        if (value is { IsScalar: true, IsNull: false } && value.Tag is null or "!Ref")
        {
            return value.Value?.Trim();
        }

        return Text(Map(properties, key), "Ref");
    }

    private static ConfigNode? ApiResource(ConfigNode? properties, string key, ConfigNode? resources) =>
        ReferencedId(properties, key) is { } id ? Map(resources?.Get(id), "Properties") : null;

    /// <summary>
    /// A REST API's SAM <c>Cors</c>: a quoted origin (<c>"'*'"</c>) or a map of quoted, comma-separated values
    /// (<c>AllowOrigin</c>, <c>AllowMethods</c>, <c>AllowHeaders</c>, <c>MaxAge</c>) and <c>AllowCredentials</c>.
    /// </summary>
    private static HttpCors? RestCors(ConfigNode? api)
    {
        if (Text(api, "Cors") is { } origin)
        {
            return new HttpCors { AllowOrigins = Split(origin) };
        }

        if (Map(api, "Cors") is not { } cors)
        {
            return null;
        }

        return new HttpCors
        {
            AllowOrigins = Text(cors, "AllowOrigin") is { } allowOrigin ? Split(allowOrigin) : Array.Empty<string>(),
            AllowMethods = Text(cors, "AllowMethods") is { } methods ? Split(methods) : Array.Empty<string>(),
            AllowHeaders = Text(cors, "AllowHeaders") is { } headers ? Split(headers) : Array.Empty<string>(),
            MaxAgeSeconds = int.TryParse(Text(cors, "MaxAge")?.Trim('\''), NumberStyles.Integer, CultureInfo.InvariantCulture, out var maxAge) ? maxAge : null,
            AllowCredentials = IsTrue(Text(cors, "AllowCredentials")),
        };

        // SAM's REST values are header values in single quotes: "'GET,POST'".
        static IReadOnlyList<string> Split(string value) =>
            value.Trim().Trim('\'').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>An HTTP API's <c>CorsConfiguration</c>: <c>true</c> (everything allowed), an origin, or a map of lists.</summary>
    private static HttpCors? HttpApiCors(ConfigNode? api)
    {
        if (Text(api, "CorsConfiguration") is { } scalar)
        {
            return IsTrue(scalar) ? new HttpCors { AllowOrigins = new[] { "*" }, AllowMethods = new[] { "*" }, AllowHeaders = new[] { "*" } }
                : scalar.Equals("false", StringComparison.OrdinalIgnoreCase) ? null
                : new HttpCors { AllowOrigins = new[] { scalar.Trim('\'') } };
        }

        return Map(api, "CorsConfiguration") is { } cors ? ListCors(cors) : null;
    }

    /// <summary>CORS as lists (<c>AllowOrigins</c>, <c>AllowMethods</c>, <c>AllowHeaders</c>, <c>ExposeHeaders</c>), a max age and <c>AllowCredentials</c>.</summary>
    private static HttpCors ListCors(ConfigNode cors) => new()
    {
        AllowOrigins = List(cors, "AllowOrigins"),
        AllowMethods = List(cors, "AllowMethods"),
        AllowHeaders = List(cors, "AllowHeaders"),
        ExposeHeaders = List(cors, "ExposeHeaders"),
        MaxAgeSeconds = int.TryParse(Text(cors, "MaxAge"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var maxAge) ? maxAge : null,
        AllowCredentials = IsTrue(Text(cors, "AllowCredentials")),
    };

    /// <summary>The mapping under <paramref name="key"/>, or null.</summary>
    private static ConfigNode? Map(ConfigNode? node, string key) => node?.Get(key) is { IsMapping: true } map ? map : null;

    /// <summary>The text of the scalar under <paramref name="key"/>; null when absent, null or not a scalar.</summary>
    private static string? Text(ConfigNode? node, string key) => node?.Get(key) is { IsScalar: true, IsNull: false } scalar ? scalar.Value : null;

    /// <summary>A sequence of scalars, or a single scalar as a list of one.</summary>
    private static IReadOnlyList<string> List(ConfigNode? node, string key) => node?.Get(key) switch
    {
        { IsSequence: true } sequence => sequence.Items.Where(i => i.IsScalar && !i.IsNull).Select(i => i.Value!).ToList(),
        { IsScalar: true, IsNull: false } scalar => new[] { scalar.Value! },
        _ => Array.Empty<string>(),
    };

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
