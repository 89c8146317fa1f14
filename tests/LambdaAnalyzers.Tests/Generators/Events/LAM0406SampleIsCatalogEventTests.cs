using System.Globalization;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Tests.Generators.Events;

/// <summary>LAM0406: a sample that is an AWS event the catalog has a type for; the inferred type is still generated.</summary>
public sealed class LAM0406SampleIsCatalogEventTests
{
    [Theory]
    [InlineData("""{"Records":[{"messageId":"1","body":"hi","eventSource":"aws:sqs"}]}""", "an Amazon SQS event", "SQSEvent", "Sqs")]
    [InlineData("""{"Records":[{"EventSource":"aws:sns","Sns":{"Message":"hi"}}]}""", "an Amazon SNS event", "SNSEvent", "Sns")]
    [InlineData("""{"version":"2.0","routeKey":"GET /","requestContext":{"http":{"method":"GET"}}}""", "an HTTP API (payload 2.0) or function URL request", "APIGatewayHttpApiV2ProxyRequest", "HttpApi")]
    [InlineData("""{"resource":"/","httpMethod":"GET","requestContext":{"stage":"prod"}}""", "an API Gateway REST API proxy request", "APIGatewayProxyRequest", "RestApi")]
    [InlineData("""{"requestContext":{"elb":{"targetGroupArn":"arn"}},"httpMethod":"GET"}""", "an Application Load Balancer request", "ApplicationLoadBalancerRequest", "ApplicationLoadBalancer")]
    [InlineData("""{"awslogs":{"data":"H4sI"}}""", "a CloudWatch Logs subscription event", "CloudWatchLogsEvent", "CloudWatchLogs")]
    [InlineData("""{"userPoolId":"p","triggerSource":"PreSignUp_SignUp","request":{}}""", "a Cognito user pool trigger", "CognitoPreSignupEvent", "Cognito")]
    public void Points_at_the_catalog_type_and_the_opt_in(string json, string what, string type, string source)
    {
        var (output, result) = EventsTestInput.Run(EventsTestInput.Compilation(), null, ("events/a.json", "Incoming", json));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("LAM0406", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal(
            $"Sample 'a.json' for type 'Incoming' is {what}: the catalog type {type} fits it ([assembly: LambdaEvents(LambdaEventSources.{source})] or <LambdaEventSource Include=\"{source}\" />)",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("events/a.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(0, diagnostic.Location.SourceSpan.Start);
        Assert.NotNull(output.GetTypeByMetadataName("LambdaAnalyzers.Events.Incoming"));
    }

    [Fact]
    public void An_EventBridge_event_points_at_the_generic_CloudWatchEvent()
    {
        var (_, result) = EventsTestInput.Run(
            EventsTestInput.Compilation(),
            null,
            ("events/a.json", "Incoming", """{"version":"0","id":"1","detail-type":"OrderPlaced","source":"shop","detail":{"orderId":"o-1"}}"""));

        Assert.Contains("is an EventBridge event: the catalog type CloudWatchEvent<T> (with your detail type as T) fits it", Assert.Single(result.Diagnostics).GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Records":[{"eventSource":"custom:orders","id":1}]}""")]
    [InlineData("""{"Records":[]}""")]
    [InlineData("""{"Records":"aws:sqs"}""")]
    [InlineData("""{"requestContext":{"requestId":"1"},"body":"x"}""")]
    [InlineData("""{"version":"1.0","requestContext":{"http":{"method":"GET"}}}""")]
    [InlineData("""{"detail-type":"x","source":"shop"}""")]
    [InlineData("""{"userPoolId":"p","triggerSource":"UserMigration_Authentication"}""")]
    [InlineData("""{"orderId":"o-1","eventSource":"aws:sqs"}""")]
    public void Near_misses_are_not_reported(string json)
    {
        var (output, result) = EventsTestInput.Run(EventsTestInput.Compilation(), null, ("events/a.json", "Incoming", json));

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(output.GetTypeByMetadataName("LambdaAnalyzers.Events.Incoming"));
    }
}
