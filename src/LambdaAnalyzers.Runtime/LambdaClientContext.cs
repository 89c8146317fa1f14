using System;
using System.Collections.Generic;
using System.Text.Json;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// The mobile client context a caller passed with the invoke (<c>Lambda-Runtime-Client-Context</c>):
/// <c>{"client": {"installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"},
/// "custom": {...}, "env": {...}}</c>. Members the caller left out are empty.
/// </summary>
public sealed class LambdaClientContext
{
    private LambdaClientContext(
        IDictionary<string, string> environment,
        IDictionary<string, string> custom,
        string installationId,
        string appTitle,
        string appVersionName,
        string appVersionCode,
        string appPackageName)
    {
        Environment = environment;
        Custom = custom;
        InstallationId = installationId;
        AppTitle = appTitle;
        AppVersionName = appVersionName;
        AppVersionCode = appVersionCode;
        AppPackageName = appPackageName;
    }

    /// <summary>The <c>env</c> object.</summary>
    public IDictionary<string, string> Environment { get; }

    /// <summary>The <c>custom</c> object.</summary>
    public IDictionary<string, string> Custom { get; }

    /// <summary><c>client.installation_id</c>.</summary>
    public string InstallationId { get; }

    /// <summary><c>client.app_title</c>.</summary>
    public string AppTitle { get; }

    /// <summary><c>client.app_version_name</c>.</summary>
    public string AppVersionName { get; }

    /// <summary><c>client.app_version_code</c>.</summary>
    public string AppVersionCode { get; }

    /// <summary><c>client.app_package_name</c>.</summary>
    public string AppPackageName { get; }

    /// <summary>Reads the header's JSON; <see langword="null"/> when it is absent or not a JSON object.</summary>
    internal static LambdaClientContext? Parse(string? json)
    {
        if (!JsonObjects.TryParse(json, out var root))
        {
            return null;
        }

        var client = JsonObjects.Child(root, "client");
        return new LambdaClientContext(
            JsonObjects.StringMap(JsonObjects.Child(root, "env")),
            JsonObjects.StringMap(JsonObjects.Child(root, "custom")),
            JsonObjects.String(client, "installation_id"),
            JsonObjects.String(client, "app_title"),
            JsonObjects.String(client, "app_version_name"),
            JsonObjects.String(client, "app_version_code"),
            JsonObjects.String(client, "app_package_name"));
    }
}

/// <summary>The Amazon Cognito identity a caller passed with the invoke (<c>Lambda-Runtime-Cognito-Identity</c>).</summary>
public sealed class LambdaCognitoIdentity
{
    private LambdaCognitoIdentity(string identityId, string identityPoolId)
    {
        IdentityId = identityId;
        IdentityPoolId = identityPoolId;
    }

    /// <summary><c>cognitoIdentityId</c>.</summary>
    public string IdentityId { get; }

    /// <summary><c>cognitoIdentityPoolId</c>.</summary>
    public string IdentityPoolId { get; }

    /// <summary>Reads the header's JSON; <see langword="null"/> when it is absent or not a JSON object.</summary>
    internal static LambdaCognitoIdentity? Parse(string? json) =>
        JsonObjects.TryParse(json, out var root)
            ? new LambdaCognitoIdentity(JsonObjects.String(root, "cognitoIdentityId"), JsonObjects.String(root, "cognitoIdentityPoolId"))
            : null;
}

/// <summary>Lenient reads of the small JSON objects the Runtime API passes in headers.</summary>
internal static class JsonObjects
{
    public static bool TryParse(string? json, out JsonElement root)
    {
        root = default;
        if (string.IsNullOrWhiteSpace(json))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            root = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static JsonElement Child(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var child) ? child : default;

    public static string String(JsonElement parent, string name) => Text(Child(parent, name));

    public static IDictionary<string, string> StringMap(JsonElement element)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                map[property.Name] = Text(property.Value);
            }
        }

        return map;
    }

    // Strings as they are; numbers and booleans as their JSON text (callers send app_version_code both ways).
    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Undefined or JsonValueKind.Null => string.Empty,
        _ => value.GetRawText(),
    };
}
