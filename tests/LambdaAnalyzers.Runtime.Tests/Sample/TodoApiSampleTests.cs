using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim;
using LambdaAnalyzers.Shim.Http;
using LambdaAnalyzers.Testing;

namespace LambdaAnalyzers.Runtime.Tests.Sample;

/// <summary>samples/TodoApi built once per test run, its two functions started and put behind the front end with the routes of its template.</summary>
public sealed class TodoApiUnderFrontEnd : IAsyncLifetime
{
    private static readonly string SampleDirectory = RepoPaths.Combine("samples", "TodoApi");
    private readonly List<LambdaShim> _shims = new();

    public HttpFrontEnd FrontEnd { get; private set; } = null!;

    public IReadOnlyList<HttpRoute> Routes { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "todoapi-artifacts");
        (await DotNet.RunAsync(RepoPaths.Root, new Dictionary<string, string>(), TimeSpan.FromMinutes(10),
            "build", Path.Combine(SampleDirectory, "TodoApi.csproj"), "-c", "Release", "-o", output, "-nologo")).EnsureSuccess();

        var template = Path.Combine(SampleDirectory, "template.yaml");
        var options = new HttpFrontEndOptions();
        foreach (var (name, resource, environment) in new[] { ("todos", "Todos", (string?)null), ("export", "Export", "export") })
        {
            var shimOptions = new LambdaShimOptions { CodePath = output, ConfigurationDirectory = SampleDirectory, Function = resource, FunctionName = name };
            if (environment is not null)
            {
                shimOptions.Environment["TODO_FUNCTION"] = environment;
            }

            var shim = await LambdaShim.StartAsync(shimOptions);
            _shims.Add(shim);
            options.Functions[name] = shim;
            foreach (var route in SamHttpRoutes.Read(template, name, resource))
            {
                options.Routes.Add(route);
            }
        }

        Routes = options.Routes.ToList();
        FrontEnd = await HttpFrontEnd.StartAsync(options);
    }

    public Uri Api => FrontEnd.Endpoints.Single(e => e.Name == "api").BaseAddress;

    public Uri ExportUrl => FrontEnd.Endpoints.Single(e => e.Name == "url:export").BaseAddress;

    public async Task DisposeAsync()
    {
        await FrontEnd.DisposeAsync();
        foreach (var shim in _shims)
        {
            await shim.DisposeAsync();
        }
    }
}

/// <summary>
/// samples/TodoApi over real HTTP, as a client sees it: the REST resource through its HTTP API routes (buffered
/// responses), and the export through its function URL (a streamed response with the HTTP-integration prelude).
/// </summary>
public sealed class TodoApiSampleTests : IClassFixture<TodoApiUnderFrontEnd>
{
    private readonly TodoApiUnderFrontEnd _sample;

    public TodoApiSampleTests(TodoApiUnderFrontEnd sample) => _sample = sample;

    [Fact]
    public void The_template_gives_five_HTTP_API_routes_and_a_streamed_function_URL()
    {
        Assert.Equal(
            new[] { "GET /todos", "POST /todos", "GET /todos/{id}", "PUT /todos/{id}", "DELETE /todos/{id}" },
            _sample.Routes.Where(r => r.FunctionName == "todos").Select(r => r.RouteKey));
        Assert.All(_sample.Routes.Where(r => r.FunctionName == "todos"), r => Assert.Equal(HttpEventFormat.HttpApiV2, r.Format));
        var url = Assert.Single(_sample.Routes, r => r.FunctionName == "export");
        Assert.Equal(HttpEventFormat.FunctionUrl, url.Format);
        Assert.True(url.ResponseStreaming);
    }

    [Fact]
    public async Task Create_read_replace_and_delete_a_todo_over_HTTP()
    {
        using var http = new HttpClient { BaseAddress = _sample.Api };

        using var created = await http.PostAsync("todos", new StringContent("{\"title\":\"write the sample\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/json", created.Content.Headers.ContentType!.MediaType);
        var todo = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = todo.GetProperty("id").GetInt32();
        Assert.Equal("write the sample", todo.GetProperty("title").GetString());
        Assert.False(todo.GetProperty("done").GetBoolean());

        var read = JsonDocument.Parse(await http.GetStringAsync($"todos/{id}")).RootElement;
        Assert.Equal("write the sample", read.GetProperty("title").GetString());
        Assert.Contains(JsonDocument.Parse(await http.GetStringAsync("todos")).RootElement.EnumerateArray(), t => t.GetProperty("id").GetInt32() == id);

        using var replaced = await http.PutAsync($"todos/{id}", new StringContent("{\"title\":\"write the sample\",\"done\":true}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.True(JsonDocument.Parse(await replaced.Content.ReadAsStringAsync()).RootElement.GetProperty("done").GetBoolean());

        using var deleted = await http.DeleteAsync($"todos/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await http.GetAsync($"todos/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("No such todo.", JsonDocument.Parse(await gone.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_bad_body_is_a_400_from_the_function_and_an_unrouted_method_a_404_from_the_API()
    {
        using var http = new HttpClient { BaseAddress = _sample.Api };

        using var bad = await http.PostAsync("todos", new StringContent("not json", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        using var patch = await http.PatchAsync("todos/1", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Equal("{\"message\":\"Not Found\"}", await patch.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_template_CORS_answers_a_preflight_from_the_allowed_origin()
    {
        using var http = new HttpClient { BaseAddress = _sample.Api };
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "todos");
        preflight.Headers.Add("Origin", "http://localhost:5173");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://localhost:5173", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task The_export_streams_NDJSON_lines_after_the_status_headers_and_cookie_of_its_prelude()
    {
        using var http = new HttpClient { BaseAddress = _sample.ExportUrl };

        using var response = await http.GetAsync("?count=4", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("export=started; Path=/", response.Headers.GetValues("Set-Cookie"));
        Assert.True(response.Headers.TransferEncodingChunked);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Add(line);
        }

        Assert.Equal(new[] { 1, 2, 3, 4 }, lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt32()));
    }
}
