using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
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

        var root = SimpleYaml.Load(templatePath);
        var resources = SimpleYaml.Map(root, "Resources") ?? new Dictionary<string, object>();
        var globals = SimpleYaml.Map(root, "Globals") ?? new Dictionary<string, object>();
        var fileName = Path.GetFileName(templatePath);
        foreach (var (logicalId, value) in resources)
        {
            if (value is not Dictionary<string, object> declaration
                || SimpleYaml.Scalar(declaration, "Type") is not ("AWS::Serverless::Function" or "AWS::Lambda::Function")
                || (resource is not null && logicalId != resource))
            {
                continue;
            }

            var properties = SimpleYaml.Map(declaration, "Properties") ?? new Dictionary<string, object>();
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
        Dictionary<string, object> properties, Dictionary<string, object> resources, Dictionary<string, object> globals, string functionName, string source)
    {
        var routes = new List<HttpRoute>();
        if (SimpleYaml.Map(properties, "Events") is { } events)
        {
            foreach (var (eventName, value) in events)
            {
                if (value is not Dictionary<string, object> declaration)
                {
                    continue;
                }

                // An HttpApi event may have no properties at all: the $default route of the implicit API.
                var eventProperties = SimpleYaml.Map(declaration, "Properties") ?? new Dictionary<string, object>();
                var type = SimpleYaml.Scalar(declaration, "Type");
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

        if (SimpleYaml.Map(properties, "FunctionUrlConfig") is { } url)
        {
            routes.Add(new HttpRoute
            {
                FunctionName = functionName,
                Format = HttpEventFormat.FunctionUrl,
                ResponseStreaming = string.Equals(SimpleYaml.Scalar(url, "InvokeMode"), "RESPONSE_STREAM", StringComparison.OrdinalIgnoreCase),
                Cors = SimpleYaml.Map(url, "Cors") is { } cors ? ListCors(cors) : null,
                Source = $"{source}.FunctionUrlConfig",
            });
        }

        return routes;
    }

    private static HttpRoute RestRoute(Dictionary<string, object> properties, Dictionary<string, object> resources, Dictionary<string, object> globals, string functionName, string source)
    {
        var api = ApiResource(properties, "RestApiId", resources);
        var globalApi = SimpleYaml.Map(globals, "Api") ?? new Dictionary<string, object>();
        var cors = api is not null && api.ContainsKey("Cors") ? RestCors(api) : RestCors(globalApi);
        var binary = api is not null && api.ContainsKey("BinaryMediaTypes") ? SimpleYaml.List(api, "BinaryMediaTypes") : SimpleYaml.List(globalApi, "BinaryMediaTypes");
        return new HttpRoute
        {
            FunctionName = functionName,
            Format = HttpEventFormat.RestApi,
            Method = Method(properties),
            Path = SimpleYaml.Scalar(properties, "Path") ?? "/",
            Stage = (api is null ? null : SimpleYaml.Scalar(api, "StageName")) ?? ImplicitRestStage,
            ApiId = ReferencedId(properties, "RestApiId"),
            Cors = cors,
            BinaryMediaTypes = binary.Select(t => t.Replace("~1", "/", StringComparison.Ordinal)).ToList(),
            Source = source,
        };
    }

    private static HttpRoute HttpApiRoute(Dictionary<string, object> properties, Dictionary<string, object> resources, Dictionary<string, object> globals, string functionName, string source)
    {
        var api = ApiResource(properties, "ApiId", resources);
        var globalApi = SimpleYaml.Map(globals, "HttpApi") ?? new Dictionary<string, object>();
        var corsOwner = api is not null && api.ContainsKey("CorsConfiguration") ? api : globalApi;
        var path = SimpleYaml.Scalar(properties, "Path");
        return new HttpRoute
        {
            FunctionName = functionName,
            Format = SimpleYaml.Scalar(properties, "PayloadFormatVersion") is "1.0" ? HttpEventFormat.HttpApiV1 : HttpEventFormat.HttpApiV2,
            Method = path is null ? HttpRoute.AnyMethod : Method(properties),
            Path = path ?? HttpRoute.DefaultRoute,
            Stage = api is null ? null : SimpleYaml.Scalar(api, "StageName"),
            ApiId = ReferencedId(properties, "ApiId"),
            Cors = HttpApiCors(corsOwner),
            IntegrationTimeout = int.TryParse(SimpleYaml.Scalar(properties, "TimeoutInMillis"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
                ? TimeSpan.FromMilliseconds(ms) : null,
            Source = source,
        };
    }

    private static string Method(Dictionary<string, object> properties)
    {
        var method = SimpleYaml.Scalar(properties, "Method") ?? HttpRoute.AnyMethod;
        return method.Equals("any", StringComparison.OrdinalIgnoreCase) || method == "*" ? HttpRoute.AnyMethod : method.ToUpperInvariant();
    }

    /// <summary>The logical id an event's <c>RestApiId</c>/<c>ApiId</c> refers to (<c>!Ref MyApi</c>, <c>{ "Ref": "MyApi" }</c>).</summary>
    private static string? ReferencedId(Dictionary<string, object> properties, string key)
    {
        if (SimpleYaml.Scalar(properties, key) is { } scalar)
        {
            return scalar.StartsWith("!Ref ", StringComparison.Ordinal) ? scalar.Substring(5).Trim() : scalar;
        }

        return SimpleYaml.Map(properties, key) is { } reference ? SimpleYaml.Scalar(reference, "Ref") : null;
    }

    private static Dictionary<string, object>? ApiResource(Dictionary<string, object> properties, string key, Dictionary<string, object> resources) =>
        ReferencedId(properties, key) is { } id && resources.TryGetValue(id, out var api) && api is Dictionary<string, object> declaration
            ? SimpleYaml.Map(declaration, "Properties")
            : null;

    /// <summary>
    /// A REST API's SAM <c>Cors</c>: a quoted origin (<c>"'*'"</c>) or a map of quoted, comma-separated values
    /// (<c>AllowOrigin</c>, <c>AllowMethods</c>, <c>AllowHeaders</c>, <c>MaxAge</c>) and <c>AllowCredentials</c>.
    /// </summary>
    private static HttpCors? RestCors(Dictionary<string, object> api)
    {
        if (SimpleYaml.Scalar(api, "Cors") is { } origin)
        {
            return new HttpCors { AllowOrigins = Split(origin) };
        }

        if (SimpleYaml.Map(api, "Cors") is not { } cors)
        {
            return null;
        }

        return new HttpCors
        {
            AllowOrigins = SimpleYaml.Scalar(cors, "AllowOrigin") is { } allowOrigin ? Split(allowOrigin) : Array.Empty<string>(),
            AllowMethods = SimpleYaml.Scalar(cors, "AllowMethods") is { } methods ? Split(methods) : Array.Empty<string>(),
            AllowHeaders = SimpleYaml.Scalar(cors, "AllowHeaders") is { } headers ? Split(headers) : Array.Empty<string>(),
            MaxAgeSeconds = int.TryParse(SimpleYaml.Scalar(cors, "MaxAge")?.Trim('\''), NumberStyles.Integer, CultureInfo.InvariantCulture, out var maxAge) ? maxAge : null,
            AllowCredentials = IsTrue(SimpleYaml.Scalar(cors, "AllowCredentials")),
        };

        // SAM's REST values are header values in single quotes: "'GET,POST'".
        static IReadOnlyList<string> Split(string value) =>
            value.Trim().Trim('\'').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>An HTTP API's <c>CorsConfiguration</c>: <c>true</c> (everything allowed), an origin, or a map of lists.</summary>
    private static HttpCors? HttpApiCors(Dictionary<string, object> api)
    {
        if (SimpleYaml.Scalar(api, "CorsConfiguration") is { } scalar)
        {
            return IsTrue(scalar) ? new HttpCors { AllowOrigins = new[] { "*" }, AllowMethods = new[] { "*" }, AllowHeaders = new[] { "*" } }
                : scalar.Equals("false", StringComparison.OrdinalIgnoreCase) ? null
                : new HttpCors { AllowOrigins = new[] { scalar.Trim('\'') } };
        }

        return SimpleYaml.Map(api, "CorsConfiguration") is { } cors ? ListCors(cors) : null;
    }

    /// <summary>CORS as lists (<c>AllowOrigins</c>, <c>AllowMethods</c>, <c>AllowHeaders</c>, <c>ExposeHeaders</c>), a max age and <c>AllowCredentials</c>.</summary>
    private static HttpCors ListCors(Dictionary<string, object> cors) => new()
    {
        AllowOrigins = SimpleYaml.List(cors, "AllowOrigins"),
        AllowMethods = SimpleYaml.List(cors, "AllowMethods"),
        AllowHeaders = SimpleYaml.List(cors, "AllowHeaders"),
        ExposeHeaders = SimpleYaml.List(cors, "ExposeHeaders"),
        MaxAgeSeconds = int.TryParse(SimpleYaml.Scalar(cors, "MaxAge"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var maxAge) ? maxAge : null,
        AllowCredentials = IsTrue(SimpleYaml.Scalar(cors, "AllowCredentials")),
    };

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
