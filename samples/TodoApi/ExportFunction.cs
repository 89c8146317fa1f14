using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Runtime;

namespace TodoApi;

/// <summary>
/// The function URL in <c>RESPONSE_STREAM</c> mode: every todo as one line of JSON (NDJSON), each line sent as soon as
/// it is written, after the HTTP status and headers (<see cref="LambdaHttpResponse.StartAsync"/>).
/// </summary>
public sealed class ExportFunction
{
    private readonly TodoStore _todos;

    public ExportFunction(TodoStore todos) => _todos = todos;

    public async ValueTask HandleAsync(LambdaInvocation invocation, Stream response, CancellationToken cancellationToken)
    {
        using var request = JsonDocument.Parse(invocation.Payload);
        var count = request.RootElement.TryGetProperty("queryStringParameters", out var query) && query.TryGetProperty("count", out var value)
            && int.TryParse(value.GetString(), out var parsed) ? parsed : 3;
        await LambdaHttpResponse.StartAsync(
            response, 200, new[] { new System.Collections.Generic.KeyValuePair<string, string>("content-type", "application/x-ndjson") }, new[] { "export=started; Path=/" }, cancellationToken);

        // This environment's store is its own; seed the export so a fresh environment has lines to send.
        while (_todos.All.Count < count)
        {
            _todos.Add($"todo {_todos.All.Count + 1}", done: false);
        }

        foreach (var todo in _todos.All)
        {
            if (todo.Id > count)
            {
                break;
            }

            await response.WriteAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(todo, TodoJson.Options) + "\n"), cancellationToken);
            await response.FlushAsync(cancellationToken);
        }
    }
}
