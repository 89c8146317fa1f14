using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// The Extensions API (<c>/2020-01-01/extension/…</c>, docs/platform/extensions-api.md) and the Telemetry API's
/// subscribe call (<c>PUT /2022-07-01/telemetry</c>, docs/platform/telemetry-api.md), served on the Runtime API's
/// endpoint over the current generation's <see cref="ExtensionRegistry"/>. Refusals are thrown as
/// <see cref="RuntimeApiRefusal"/> and rendered by the Runtime API server.
/// </summary>
internal static class ExtensionsApi
{
    public const string IdentifierHeader = "Lambda-Extension-Identifier";
    private const string Prefix = "/2020-01-01/extension/";
    private const string TelemetryPath = "/2022-07-01/telemetry";
    private const string LogsPath = "/2020-08-15/logs";
    private const int MaxRequestBytes = 1024 * 1024;

    /// <summary>Serves <paramref name="context"/> if its path belongs to these APIs; false otherwise.</summary>
    public static async Task<bool> TryHandleAsync(HttpContext context, ExtensionRegistry registry)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var method = context.Request.Method;
        if (path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            switch (path.Substring(Prefix.Length))
            {
                case "register":
                    Require(HttpMethods.IsPost(method));
                    await RegisterAsync(context, registry).ConfigureAwait(false);
                    return true;
                case "event/next":
                    Require(HttpMethods.IsGet(method));
                    await NextAsync(context, registry).ConfigureAwait(false);
                    return true;
                case "init/error":
                    Require(HttpMethods.IsPost(method));
                    await ErrorAsync(context, registry, init: true).ConfigureAwait(false);
                    return true;
                case "exit/error":
                    Require(HttpMethods.IsPost(method));
                    await ErrorAsync(context, registry, init: false).ConfigureAwait(false);
                    return true;
                default:
                    return false;
            }
        }

        if (path == TelemetryPath || path == TelemetryPath + "/")
        {
            Require(HttpMethods.IsPut(method));
            await SubscribeAsync(context, registry).ConfigureAwait(false);
            return true;
        }

        if (path == LogsPath || path == LogsPath + "/")
        {
            // The superseded Logs API is not implemented: answered as the emulator answers a disabled one.
            context.Response.StatusCode = 202;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(RuntimeOutcome.ErrorJson("Logs.NotSupported", "Logs API is not supported"), context.RequestAborted).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    private static async Task RegisterAsync(HttpContext context, ExtensionRegistry registry)
    {
        var request = context.Request;
        var name = request.Headers["Lambda-Extension-Name"].ToString();
        var body = await ReadAsync(request).ConfigureAwait(false);
        var events = ParseRegistration(body);
        var extension = registry.Register(name, events);

        var features = request.Headers["Lambda-Extension-Accept-Feature"].ToString().Split(',', StringSplitOptions.TrimEntries);
        var settings = registry.Settings;
        context.Response.StatusCode = 200;
        context.Response.Headers[IdentifierHeader] = extension.Id.ToString();
        await WriteJsonAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("functionName", settings.FunctionName);
            writer.WriteString("functionVersion", settings.FunctionVersion);
            writer.WriteString("handler", settings.Handler);
            if (Array.IndexOf(features, "accountId") >= 0)
            {
                writer.WriteString("accountId", settings.AccountId);
            }

            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task NextAsync(HttpContext context, ExtensionRegistry registry)
    {
        var id = Identifier(context);
        var json = await registry.NextAsync(id, context.RequestAborted).ConfigureAwait(false)
            ?? throw new RuntimeApiRefusal(500, "InternalServerError", "The execution environment is shutting down; exit.");
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Lambda-Extension-Event-Identifier"] = Guid.NewGuid().ToString();
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task ErrorAsync(HttpContext context, ExtensionRegistry registry, bool init)
    {
        var id = Identifier(context);
        var errorType = context.Request.Headers["Lambda-Extension-Function-Error-Type"].ToString();
        if (errorType.Length == 0)
        {
            throw new RuntimeApiRefusal(403, "Extension.MissingHeader", "Lambda-Extension-Function-Error-Type not found");
        }

        await ReadAsync(context.Request).ConfigureAwait(false);
        registry.ReportError(id, init, errorType);
        context.Response.StatusCode = 202;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"status\":\"OK\"}\n", context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task SubscribeAsync(HttpContext context, ExtensionRegistry registry)
    {
        var id = Identifier(context);
        var extension = registry.Find(id);
        var body = await ReadAsync(context.Request).ConfigureAwait(false);
        var telemetry = registry.Telemetry;
        if (!telemetry.Open)
        {
            throw new RuntimeApiRefusal(403, "Telemetry.SubscriptionClosed", "Telemetry API subscription is closed");
        }

        var request = TelemetrySubscriptionRequest.Parse(body);
        if (extension.Telemetry is not null)
        {
            throw new RuntimeApiRefusal(400, "ValidationError", $"Extension {extension.Name} already has a Telemetry API subscription");
        }

        var subscription = new TelemetrySubscription(extension.Name, request.Types, request.Buffering, request.CreateDestination(), registry.Settings.Clock);
        if (!telemetry.TryAdd(subscription))
        {
            subscription.Dispose();
            throw new RuntimeApiRefusal(403, "Telemetry.SubscriptionClosed", "Telemetry API subscription is closed");
        }

        extension.Telemetry = subscription;
        telemetry.Platform("platform.telemetrySubscription", writer =>
        {
            writer.WriteString("name", extension.Name);
            writer.WriteString("state", "Subscribed");
            writer.WriteStartArray("types");
            foreach (var type in request.TypeNames)
            {
                writer.WriteStringValue(type);
            }

            writer.WriteEndArray();
        });
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("\"OK\"", context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The <c>Lambda-Extension-Identifier</c> header, checked as the API checks it.</summary>
    private static Guid Identifier(HttpContext context)
    {
        var value = context.Request.Headers[IdentifierHeader].ToString();
        if (value.Length == 0)
        {
            throw new RuntimeApiRefusal(403, "Extension.MissingExtensionIdentifier", "Missing Lambda-Extension-Identifier header");
        }

        if (!Guid.TryParse(value, out var id))
        {
            throw new RuntimeApiRefusal(403, "Extension.InvalidExtensionIdentifier", "Invalid Lambda-Extension-Identifier");
        }

        return id;
    }

    /// <summary>The register body: <c>{"events":[…]}</c>; <c>configurationKeys</c> are refused (deprecated).</summary>
    private static IReadOnlyList<string> ParseRegistration(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RuntimeApiRefusal(403, "InvalidRequestFormat", "The registration body must be a JSON object");
            }

            if (root.TryGetProperty("configurationKeys", out var keys) && keys.ValueKind == JsonValueKind.Array && keys.GetArrayLength() > 0)
            {
                throw new RuntimeApiRefusal(403, "InvalidRequestFormat", "configurationKeys are deprecated; use environment variables instead");
            }

            var events = new List<string>();
            if (root.TryGetProperty("events", out var list) && list.ValueKind != JsonValueKind.Null)
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw new RuntimeApiRefusal(403, "InvalidRequestFormat", "events must be an array of strings");
                }

                foreach (var item in list.EnumerateArray())
                {
                    events.Add(item.ValueKind == JsonValueKind.String
                        ? item.GetString()!
                        : throw new RuntimeApiRefusal(403, "InvalidRequestFormat", "events must be an array of strings"));
                }
            }

            return events;
        }
        catch (JsonException exception)
        {
            throw new RuntimeApiRefusal(403, "InvalidRequestFormat", exception.Message);
        }
    }

    private static void Require(bool allowed)
    {
        if (!allowed)
        {
            throw new RuntimeApiRefusal(405, "MethodNotAllowed", "Method not allowed");
        }
    }

    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxRequestBytes)
            {
                throw new RuntimeApiRefusal(413, "RequestEntityTooLarge", "Request body too large");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }
}
