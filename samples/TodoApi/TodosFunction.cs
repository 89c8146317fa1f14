using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Runtime;

namespace TodoApi;

/// <summary>
/// <c>/todos</c> and <c>/todos/{id}</c> behind an HTTP API (payload 2.0): reads <c>routeKey</c>, <c>pathParameters</c>
/// and the body of the event, answers with a status code, headers and a JSON body.
/// </summary>
public sealed class TodosFunction
{
    private readonly TodoStore _todos;

    public TodosFunction(TodoStore todos) => _todos = todos;

    public async ValueTask HandleAsync(LambdaInvocation invocation, Stream response, CancellationToken cancellationToken)
    {
        using var request = JsonDocument.Parse(invocation.Payload);
        var root = request.RootElement;
        var routeKey = root.GetProperty("routeKey").GetString();
        var id = root.TryGetProperty("pathParameters", out var parameters) && parameters.TryGetProperty("id", out var value)
            && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
        Console.WriteLine($"{routeKey} id={id?.ToString(CultureInfo.InvariantCulture) ?? "-"}");

        var (status, body) = routeKey switch
        {
            "GET /todos" => (200, (object)_todos.All),
            "POST /todos" when ReadTodo(root) is { } input => (201, _todos.Add(input.Title, input.Done)),
            "GET /todos/{id}" when id is int found && _todos.Find(found) is { } todo => (200, todo),
            "PUT /todos/{id}" when id is int replaced && ReadTodo(root) is { } input && _todos.Replace(replaced, input.Title, input.Done) is { } todo => (200, todo),
            "DELETE /todos/{id}" when id is int removed && _todos.Remove(removed) => (204, null),
            "POST /todos" or "PUT /todos/{id}" => (400, new { message = "A todo needs a JSON body with a title." }),
            _ => (404, new { message = "No such todo." }),
        };
        await WriteAsync(response, status, body, cancellationToken);
    }

    private static Todo? ReadTodo(JsonElement request)
    {
        if (!request.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = request.TryGetProperty("isBase64Encoded", out var encoded) && encoded.GetBoolean()
            ? Encoding.UTF8.GetString(Convert.FromBase64String(body.GetString()!))
            : body.GetString()!;
        try
        {
            using var document = JsonDocument.Parse(text);
            var input = document.RootElement;
            return input.ValueKind == JsonValueKind.Object && input.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String
                ? new Todo(0, title.GetString()!, input.TryGetProperty("done", out var done) && done.ValueKind == JsonValueKind.True)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The HTTP API response object: status, a JSON content type, and the body as a string.</summary>
    private static async Task WriteAsync(Stream response, int status, object? body, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(response);
        writer.WriteStartObject();
        writer.WriteNumber("statusCode", status);
        writer.WriteStartObject("headers");
        writer.WriteString("content-type", "application/json");
        writer.WriteEndObject();
        writer.WriteString("body", body is null ? string.Empty : JsonSerializer.Serialize(body, TodoJson.Options));
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }
}
