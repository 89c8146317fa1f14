using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Tests.Infrastructure;

/// <summary>An extension spoken over raw HTTP (docs/platform/extensions-api.md), as conformance tests play one.</summary>
internal sealed class RawExtension
{
    public const string Register = "/2020-01-01/extension/register";
    public const string Next = "/2020-01-01/extension/event/next";
    public const string InitError = "/2020-01-01/extension/init/error";
    public const string ExitError = "/2020-01-01/extension/exit/error";
    public const string Telemetry = "/2022-07-01/telemetry";

    private RawExtension(string endpoint, string id, RawHttp.Response registration)
    {
        Endpoint = endpoint;
        Id = id;
        Registration = registration;
    }

    public string Endpoint { get; }

    public string Id { get; }

    public RawHttp.Response Registration { get; }

    /// <summary>POST register; the response whatever it is.</summary>
    public static Task<RawHttp.Response> TryRegisterAsync(string endpoint, string? name, string body = "{\"events\":[\"INVOKE\"]}", string? features = null)
    {
        var headers = new Dictionary<string, string>();
        if (name is not null)
        {
            headers["Lambda-Extension-Name"] = name;
        }

        if (features is not null)
        {
            headers["Lambda-Extension-Accept-Feature"] = features;
        }

        return RawHttp.PostAsync(endpoint, Register, Encoding.UTF8.GetBytes(body), headers);
    }

    /// <summary>Registers and asserts success.</summary>
    public static async Task<RawExtension> RegisterAsync(string endpoint, string name, params string[] events)
    {
        var body = JsonSerializer.Serialize(new { events });
        var response = await TryRegisterAsync(endpoint, name, body);
        Assert.True(response.Status == 200, $"register {name}: {response.Status} {response.Text}");
        return new RawExtension(endpoint, response.Header("Lambda-Extension-Identifier")!, response);
    }

    public Task<RawHttp.Response> NextAsync() => Call(Endpoint, "GET", Next, Id, null, null);

    public Task<RawHttp.Response> ReportInitErrorAsync(string? errorType) => Call(Endpoint, "POST", InitError, Id, errorType, "{\"errorMessage\":\"bad\",\"errorType\":\"Extension.Broken\"}");

    public Task<RawHttp.Response> ReportExitErrorAsync(string? errorType) => Call(Endpoint, "POST", ExitError, Id, errorType, "{\"errorMessage\":\"bad\",\"errorType\":\"Extension.Broken\"}");

    public Task<RawHttp.Response> SubscribeAsync(string json) => Call(Endpoint, "PUT", Telemetry, Id, null, json);

    /// <summary>Any call with any identifier header value (null: none).</summary>
    public static Task<RawHttp.Response> Call(string endpoint, string method, string path, string? identifier, string? errorType, string? body)
    {
        var headers = new Dictionary<string, string>();
        if (identifier is not null)
        {
            headers["Lambda-Extension-Identifier"] = identifier;
        }

        if (errorType is not null)
        {
            headers["Lambda-Extension-Function-Error-Type"] = errorType;
        }

        return RawHttp.SendAsync(endpoint, method, path, headers, body is null ? (method == "GET" ? null : Array.Empty<byte>()) : Encoding.UTF8.GetBytes(body));
    }

    public static string ErrorType(RawHttp.Response response) => JsonDocument.Parse(response.Body).RootElement.GetProperty("errorType").GetString()!;
}
