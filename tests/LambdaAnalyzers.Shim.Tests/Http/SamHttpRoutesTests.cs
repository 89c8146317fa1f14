using System;
using System.IO;
using System.Linq;
using LambdaAnalyzers.Shim.Http;

namespace LambdaAnalyzers.Shim.Tests.Http;

/// <summary><see cref="SamHttpRoutes"/>: a SAM template's Api/HttpApi events and FunctionUrlConfig as front-end routes.</summary>
public sealed class SamHttpRoutesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sam-routes-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Template(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Yaml = """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Api:
            Cors: "'https://app.example.com'"
            BinaryMediaTypes:
              - image~1png
              - application/octet-stream
          HttpApi:
            CorsConfiguration:
              AllowOrigins:
              - https://web.example.com
              AllowMethods: [GET, POST]
              MaxAge: 600
              AllowCredentials: true
        Resources:
          Queue:
            Type: AWS::SQS::Queue
          Orders:
            Type: AWS::Serverless::Function
            Properties:
              Handler: Orders
              Events:
                List:
                  Type: Api
                  Properties:
                    Path: /orders
                    Method: get
                Proxy:
                  Type: Api
                  Properties:
                    Path: /orders/{proxy+}
                    Method: any
                Admin:
                  Type: Api
                  Properties:
                    RestApiId: !Ref AdminApi
                    Path: /admin/{id}
                    Method: DELETE
                Catch:
                  Type: HttpApi
                Legacy:
                  Type: HttpApi
                  Properties:
                    Path: /v1/{id}
                    Method: POST
                    PayloadFormatVersion: '1.0'
                    TimeoutInMillis: 5000
                FromQueue:
                  Type: SQS
                  Properties:
                    Queue: !GetAtt Queue.Arn
              FunctionUrlConfig:
                AuthType: NONE
                InvokeMode: RESPONSE_STREAM
                Cors:
                  AllowOrigins:
                    - '*'
                  ExposeHeaders: [x-trace]
                  MaxAge: 60
          AdminApi:
            Type: AWS::Serverless::Api
            Properties:
              StageName: staging
              Cors:
                AllowMethods: "'DELETE,OPTIONS'"
                AllowHeaders: "'content-type,x-api-key'"
                AllowOrigin: "'*'"
                MaxAge: "'300'"
          Other:
            Type: AWS::Serverless::Function
            Properties:
              Handler: Other
              Events:
                Get:
                  Type: HttpApi
                  Properties:
                    Path: /other
                    Method: GET
        """;

    [Fact]
    public void Api_events_become_REST_routes_with_their_stage_cors_and_binary_media_types()
    {
        var routes = SamHttpRoutes.Read(Template("template.yaml", Yaml), "orders", "Orders");

        var list = routes.Single(r => r.Source == "template.yaml: Orders.Events.List");
        Assert.Equal(HttpEventFormat.RestApi, list.Format);
        Assert.Equal("GET /orders", list.RouteKey);
        Assert.Equal("orders", list.FunctionName);
        Assert.Equal("Prod", list.Stage);
        Assert.Null(list.ApiId);
        Assert.Equal(new[] { "https://app.example.com" }, list.Cors!.AllowOrigins);
        Assert.Equal(new[] { "image/png", "application/octet-stream" }, list.BinaryMediaTypes);

        Assert.Equal("ANY /orders/{proxy+}", routes.Single(r => r.Source!.EndsWith(".Proxy", StringComparison.Ordinal)).RouteKey);

        // An explicit API: its own stage and CORS (SAM's quoted header values), not the globals.
        var admin = routes.Single(r => r.Source!.EndsWith(".Admin", StringComparison.Ordinal));
        Assert.Equal("DELETE /admin/{id}", admin.RouteKey);
        Assert.Equal("staging", admin.Stage);
        Assert.Equal("AdminApi", admin.ApiId);
        Assert.Equal(new[] { "*" }, admin.Cors!.AllowOrigins);
        Assert.Equal(new[] { "DELETE", "OPTIONS" }, admin.Cors.AllowMethods);
        Assert.Equal(new[] { "content-type", "x-api-key" }, admin.Cors.AllowHeaders);
        Assert.Equal(300, admin.Cors.MaxAgeSeconds);
    }

    [Fact]
    public void HttpApi_events_become_HTTP_API_routes_default_route_payload_version_and_timeout()
    {
        var routes = SamHttpRoutes.Read(Template("template.yaml", Yaml), "orders", "Orders");

        var catchAll = routes.Single(r => r.Source!.EndsWith(".Catch", StringComparison.Ordinal));
        Assert.Equal(HttpEventFormat.HttpApiV2, catchAll.Format);
        Assert.Equal("$default", catchAll.RouteKey);
        Assert.Null(catchAll.Stage);
        Assert.Equal(new[] { "https://web.example.com" }, catchAll.Cors!.AllowOrigins);
        Assert.Equal(new[] { "GET", "POST" }, catchAll.Cors.AllowMethods);
        Assert.Equal(600, catchAll.Cors.MaxAgeSeconds);
        Assert.True(catchAll.Cors.AllowCredentials);

        var legacy = routes.Single(r => r.Source!.EndsWith(".Legacy", StringComparison.Ordinal));
        Assert.Equal(HttpEventFormat.HttpApiV1, legacy.Format);
        Assert.Equal("POST /v1/{id}", legacy.RouteKey);
        Assert.Equal(TimeSpan.FromSeconds(5), legacy.IntegrationTimeout);

        // Other event types are not HTTP routes.
        Assert.DoesNotContain(routes, r => r.Source!.EndsWith(".FromQueue", StringComparison.Ordinal));
    }

    [Fact]
    public void FunctionUrlConfig_becomes_a_function_url_route_streamed_when_its_invoke_mode_says_so()
    {
        var routes = SamHttpRoutes.Read(Template("template.yaml", Yaml), "orders", "Orders");

        var url = routes.Single(r => r.Format == HttpEventFormat.FunctionUrl);
        Assert.True(url.ResponseStreaming);
        Assert.Equal("template.yaml: Orders.FunctionUrlConfig", url.Source);
        Assert.Equal(new[] { "*" }, url.Cors!.AllowOrigins);
        Assert.Equal(new[] { "x-trace" }, url.Cors.ExposeHeaders);
        Assert.Equal(60, url.Cors.MaxAgeSeconds);
        Assert.Equal(6, routes.Count);
    }

    [Fact]
    public void The_resource_selects_the_function_and_without_one_the_first_function_with_HTTP_routes_is_taken()
    {
        var path = Template("template.yaml", Yaml);

        Assert.Equal(new[] { "GET /other" }, SamHttpRoutes.Read(path, "other", "Other").Select(r => r.RouteKey));
        Assert.Equal(6, SamHttpRoutes.Read(path, "orders").Count);
        Assert.Empty(SamHttpRoutes.Read(path, "queue", "Queue"));
        Assert.Empty(SamHttpRoutes.Read(path, "nope", "Missing"));
    }

    [Fact]
    public void A_JSON_template_gives_the_same_routes()
    {
        var path = Template("serverless.template", """
            {
              "Globals": { "HttpApi": { "CorsConfiguration": true } },
              "Resources": {
                "Fn": {
                  "Type": "AWS::Serverless::Function",
                  "Properties": {
                    "Handler": "Fn",
                    "Events": {
                      "Get": { "Type": "HttpApi", "Properties": { "Path": "/items/{id}", "Method": "GET", "ApiId": { "Ref": "Items" } } },
                      "Put": { "Type": "Api", "Properties": { "Path": "/items/{id}", "Method": "put" } }
                    },
                    "FunctionUrlConfig": { "AuthType": "NONE", "Cors": { "AllowOrigins": ["https://a.example", "https://b.example"], "AllowCredentials": true } }
                  }
                },
                "Items": { "Type": "AWS::Serverless::HttpApi", "Properties": { "StageName": "v2" } }
              }
            }
            """);

        var routes = SamHttpRoutes.Read(path, "fn");

        var get = routes.Single(r => r.Format == HttpEventFormat.HttpApiV2);
        Assert.Equal("GET /items/{id}", get.RouteKey);
        Assert.Equal("v2", get.Stage);
        Assert.Equal("Items", get.ApiId);
        Assert.Equal(new[] { "*" }, get.Cors!.AllowOrigins);
        Assert.Equal(new[] { "*" }, get.Cors.AllowMethods);
        Assert.Equal("PUT /items/{id}", routes.Single(r => r.Format == HttpEventFormat.RestApi).RouteKey);
        var url = routes.Single(r => r.Format == HttpEventFormat.FunctionUrl);
        Assert.False(url.ResponseStreaming);
        Assert.Equal(new[] { "https://a.example", "https://b.example" }, url.Cors!.AllowOrigins);
        Assert.True(url.Cors.AllowCredentials);
    }

    [Theory]
    [InlineData(HttpEventFormat.RestApi, new[] { "ANY /", "ANY /{proxy+}" })]
    [InlineData(HttpEventFormat.HttpApiV2, new[] { "$default" })]
    [InlineData(HttpEventFormat.Alb, new[] { "$default" })]
    public void CatchAll_gives_one_function_every_path(HttpEventFormat format, string[] keys)
    {
        var routes = SamHttpRoutes.CatchAll("fn", format);

        Assert.Equal(keys, routes.Select(r => r.RouteKey));
        Assert.All(routes, r => Assert.Equal(format, r.Format));
    }

    [Fact]
    public void A_missing_template_is_reported_with_its_path()
    {
        var missing = Path.Combine(_dir, "absent.yaml");

        var exception = Assert.Throws<FileNotFoundException>(() => SamHttpRoutes.Read(missing, "fn"));
        Assert.Contains(missing, exception.Message, StringComparison.Ordinal);
    }
    [Fact]
    public void Anchors_flow_mappings_and_tagged_references_read_as_the_deployed_template_means_them()
    {
        // Written the ways real templates write them: an anchor shared by two events, a flow mapping, a
        // block scalar, and the JSON-style { Ref: } next to the !Ref tag. A line-based walker got each wrong.
        var path = Template("template.yaml", """
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties: { StageName: v1, Cors: "'*'" }
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: Fn
                  Events:
                    Get:
                      Type: Api
                      Properties: &common
                        RestApiId: { Ref: Api }
                        Path: /items
                        Method: get
                    Again:
                      Type: Api
                      Properties: *common
                    Tagged:
                      Type: Api
                      Properties:
                        RestApiId: !Ref Api
                        Path: >-
                          /items/{id}
                        Method: delete
            """);

        var routes = SamHttpRoutes.Read(path, "fn");

        Assert.Equal(new[] { "GET /items", "GET /items", "DELETE /items/{id}" }, routes.Select(r => r.RouteKey));
        Assert.All(routes, r => Assert.Equal("v1", r.Stage));
        Assert.All(routes, r => Assert.Equal("Api", r.ApiId));
        Assert.All(routes, r => Assert.Equal(new[] { "*" }, r.Cors!.AllowOrigins));
    }

    [Fact]
    public void A_template_that_is_not_valid_YAML_is_reported_with_its_line()
    {
        var path = Template("template.yaml", "Resources:\n  Fn:\n    Type: [unclosed\n");

        var exception = Assert.Throws<InvalidOperationException>(() => SamHttpRoutes.Read(path, "fn"));
        Assert.StartsWith(path + "(", exception.Message, StringComparison.Ordinal);
    }
}
