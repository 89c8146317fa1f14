using System;
using LambdaAnalyzers.Shim.Http;

namespace LambdaAnalyzers.Shim.Tests.Http;

/// <summary>API Gateway's route selection: the most specific route wins (docs/platform/http-events.md, "Routes").</summary>
public sealed class RouteTableTests
{
    private static readonly RouteTable Table = new(new[]
    {
        Route("GET", "/pets/dog"),
        Route("GET", "/pets/{id}"),
        Route("ANY", "/pets/{id}"),
        Route("ANY", "/pets/{proxy+}"),
        Route("ANY", "/{proxy+}"),
        Route("ANY", "$default"),
    });

    private static HttpRoute Route(string method, string path) => new() { FunctionName = method + " " + path, Method = method, Path = path };

    [Theory]
    [InlineData("GET", "/pets/dog", "GET /pets/dog")]
    [InlineData("GET", "/pets/cat", "GET /pets/{id}")]
    [InlineData("DELETE", "/pets/cat", "ANY /pets/{id}")]
    [InlineData("GET", "/pets/cat/toys", "ANY /pets/{proxy+}")]
    [InlineData("GET", "/owners/1", "ANY /{proxy+}")]
    [InlineData("GET", "/", "ANY $default")]
    public void The_most_specific_route_wins(string method, string path, string expected) =>
        Assert.Equal(expected, Table.Match(method, path)!.Route.FunctionName);

    [Fact]
    public void Parameters_are_percent_decoded_and_a_greedy_variable_takes_the_rest_of_the_path()
    {
        var single = Table.Match("GET", "/pets/a%20b")!;
        var greedy = Table.Match("GET", "/pets/a/b%2Fc")!;

        Assert.Equal("a b", single.PathParameters["id"]);
        Assert.Equal("a/b/c", greedy.PathParameters["proxy"]);
    }

    [Fact]
    public void A_greedy_variable_needs_at_least_one_segment_and_routes_must_match_whole_paths()
    {
        var table = new RouteTable(new[] { Route("GET", "/files/{proxy+}"), Route("GET", "/a/{b}") });

        Assert.Null(table.Match("GET", "/files"));
        Assert.Null(table.Match("GET", "/a/b/c"));
        Assert.Null(table.Match("POST", "/a/b"));
    }

    [Fact]
    public void A_greedy_variable_before_the_last_segment_is_refused() =>
        Assert.Throws<ArgumentException>(() => new RouteTable(new[] { Route("GET", "/{proxy+}/x") }));
}
