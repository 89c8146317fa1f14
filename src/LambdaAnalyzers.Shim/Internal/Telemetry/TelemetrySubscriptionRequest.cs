using System;
using System.Collections.Generic;
using System.Text.Json;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// A validated <c>PUT /2022-07-01/telemetry</c> body (docs/platform/telemetry-api.md, "Subscribe"): schema version,
/// streams, destination inside the environment, buffering within its limits. Invalid input is a 400
/// <c>ValidationError</c>.
/// </summary>
internal sealed class TelemetrySubscriptionRequest
{
    /// <summary>The schema versions the API accepts.</summary>
    public static readonly IReadOnlyList<string> SchemaVersions = new[] { "2022-07-01", "2022-12-13", "2025-01-29" };

    private TelemetrySubscriptionRequest(string schemaVersion, TelemetryTypes types, IReadOnlyList<string> typeNames, bool http, int port, string path, TelemetryBuffering buffering)
    {
        SchemaVersion = schemaVersion;
        Types = types;
        TypeNames = typeNames;
        Http = http;
        Port = port;
        Path = path;
        Buffering = buffering;
    }

    public string SchemaVersion { get; }

    public TelemetryTypes Types { get; }

    public IReadOnlyList<string> TypeNames { get; }

    /// <summary>HTTP (a JSON array per POST) or TCP (NDJSON).</summary>
    public bool Http { get; }

    public int Port { get; }

    /// <summary>Path and query of an HTTP destination.</summary>
    public string Path { get; }

    public TelemetryBuffering Buffering { get; }

    public TelemetryDestination CreateDestination() => Http ? new HttpTelemetryDestination(Port, Path) : new TcpTelemetryDestination(Port);

    public static TelemetrySubscriptionRequest Parse(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            throw Invalid($"Invalid JSON: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("The subscription must be a JSON object");
            }

            var schema = root.TryGetProperty("schemaVersion", out var version) && version.ValueKind == JsonValueKind.String ? version.GetString()! : null;
            if (schema is null)
            {
                throw Invalid("schemaVersion is required");
            }

            if (!((IList<string>)SchemaVersions).Contains(schema))
            {
                throw Invalid($"schemaVersion {schema} is not supported (supported: {string.Join(", ", SchemaVersions)})");
            }

            var (types, names) = ParseTypes(root);
            var (http, port, path) = ParseDestination(root);
            var buffering = ParseBuffering(root);
            return new TelemetrySubscriptionRequest(schema, types, names, http, port, path, buffering);
        }
    }

    private static (TelemetryTypes Types, IReadOnlyList<string> Names) ParseTypes(JsonElement root)
    {
        if (!root.TryGetProperty("types", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw Invalid("types should not be empty");
        }

        var types = TelemetryTypes.None;
        var names = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            var name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            types |= name switch
            {
                "platform" => TelemetryTypes.Platform,
                "function" => TelemetryTypes.Function,
                "extension" => TelemetryTypes.Extension,
                _ => throw Invalid($"types: {item} is not one of platform, function, extension"),
            };
            names.Add(name!);
        }

        return (types, names);
    }

    private static (bool Http, int Port, string Path) ParseDestination(JsonElement root)
    {
        if (!root.TryGetProperty("destination", out var destination) || destination.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("destination is required");
        }

        var protocol = destination.TryGetProperty("protocol", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        if (protocol == "TCP")
        {
            if (!destination.TryGetProperty("port", out var portElement) || !portElement.TryGetInt32(out var tcpPort) || tcpPort is < 1 or > 65535)
            {
                throw Invalid("destination.port must be a port number for the TCP protocol");
            }

            return (false, tcpPort, string.Empty);
        }

        if (protocol != "HTTP")
        {
            throw Invalid("destination.protocol must be HTTP or TCP (HTTPS is not supported)");
        }

        var uriText = destination.TryGetProperty("URI", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        if (string.IsNullOrEmpty(uriText) || !Uri.TryCreate(uriText, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw Invalid("destination.URI must be an http:// URI");
        }

        // Telemetry goes only to listeners inside the execution environment.
        if (uri.Host is not ("sandbox.localdomain" or "sandbox"))
        {
            throw Invalid("destination.URI host must be sandbox.localdomain");
        }

        if (uri.IsDefaultPort && !uriText.Contains(":" + uri.Port, StringComparison.Ordinal))
        {
            throw Invalid("URI port is not provided");
        }

        return (true, uri.Port, uri.PathAndQuery);
    }

    private static TelemetryBuffering ParseBuffering(JsonElement root)
    {
        var defaults = TelemetryBuffering.Default;
        if (!root.TryGetProperty("buffering", out var buffering) || buffering.ValueKind == JsonValueKind.Null)
        {
            return defaults;
        }

        if (buffering.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("buffering must be an object");
        }

        var maxItems = Bounded(buffering, "maxItems", 1_000, 10_000) ?? defaults.MaxItems;
        var maxBytes = Bounded(buffering, "maxBytes", 262_144, 1_048_576) ?? defaults.MaxBytes;
        var timeout = Bounded(buffering, "timeoutMs", 25, 30_000) is int ms ? TimeSpan.FromMilliseconds(ms) : defaults.Timeout;
        return new TelemetryBuffering(maxItems, maxBytes, timeout);
    }

    private static int? Bounded(JsonElement buffering, string name, int min, int max)
    {
        if (!buffering.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            throw Invalid($"buffering.{name} must be an integer from {min} to {max}");
        }

        return number;
    }

    private static RuntimeApiRefusal Invalid(string message) => new(400, "ValidationError", message);
}
