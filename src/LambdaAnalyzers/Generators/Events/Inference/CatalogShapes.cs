using System;

namespace LambdaAnalyzers.Generators.Events.Inference;

/// <summary>
/// Recognizes a sample that is an AWS event the catalog covers, by the fields that tell each source apart
/// (<c>Records[].eventSource</c>, <c>requestContext.http</c>, <c>detail-type</c>, ...), for LAM0406.
/// </summary>
internal static class CatalogShapes
{
    public sealed record Match(string Description, string TypeName, string Source);

    public static Match? Recognize(SampleNode root)
    {
        if (Get(root, "Records") is { Kind: SampleKind.Array } records && records.Items.Length > 0)
        {
            var record = records.Items[0];
            switch (Text(Get(record, "eventSource")) ?? Text(Get(record, "EventSource")))
            {
                case "aws:sqs": return new Match("an Amazon SQS event", "SQSEvent", nameof(EventSources.Sqs));
                case "aws:sns": return new Match("an Amazon SNS event", "SNSEvent", nameof(EventSources.Sns));
                case "aws:s3": return new Match("an Amazon S3 notification", "S3Event", nameof(EventSources.S3));
                case "aws:dynamodb": return new Match("a DynamoDB Streams event", "DynamoDBEvent", nameof(EventSources.DynamoDb));
                case "aws:kinesis": return new Match("a Kinesis Data Streams event", "KinesisEvent", nameof(EventSources.Kinesis));
            }
        }

        if (Get(root, "requestContext") is { Kind: SampleKind.Object } context)
        {
            if (Get(context, "elb") is not null)
            {
                return new Match("an Application Load Balancer request", "ApplicationLoadBalancerRequest", nameof(EventSources.ApplicationLoadBalancer));
            }

            if (Get(context, "http") is not null && Text(Get(root, "version")) == "2.0")
            {
                return new Match("an HTTP API (payload 2.0) or function URL request", "APIGatewayHttpApiV2ProxyRequest", nameof(EventSources.HttpApi));
            }

            if (Get(root, "httpMethod") is not null && Get(root, "resource") is not null)
            {
                return new Match("an API Gateway REST API proxy request", "APIGatewayProxyRequest", nameof(EventSources.RestApi));
            }
        }

        if (Get(root, "detail-type") is not null && Get(root, "source") is not null && Get(root, "detail") is not null)
        {
            return Text(Get(root, "source")) == "aws.s3"
                ? new Match("an Amazon S3 event delivered by EventBridge", "S3ObjectCreateEvent, S3ObjectDeleteEvent or S3ObjectRestoreEvent", nameof(EventSources.S3))
                : new Match("an EventBridge event", "CloudWatchEvent<T> (with your detail type as T)", nameof(EventSources.EventBridge));
        }

        if (Get(root, "awslogs") is { Kind: SampleKind.Object } logs && Get(logs, "data") is not null)
        {
            return new Match("a CloudWatch Logs subscription event", "CloudWatchLogsEvent", nameof(EventSources.CloudWatchLogs));
        }

        if (Get(root, "deliveryStreamArn") is not null && Get(root, "records") is not null)
        {
            return new Match("an Amazon Data Firehose transformation event", "KinesisFirehoseEvent", nameof(EventSources.KinesisFirehose));
        }

        if (Get(root, "userPoolId") is not null && Text(Get(root, "triggerSource")) is { } trigger)
        {
            var type = trigger.StartsWith("PreSignUp_", StringComparison.Ordinal) ? "CognitoPreSignupEvent"
                : trigger.StartsWith("PostConfirmation_", StringComparison.Ordinal) ? "CognitoPostConfirmationEvent"
                : trigger.StartsWith("TokenGeneration_", StringComparison.Ordinal) ? "CognitoPreTokenGenerationEvent"
                : trigger.StartsWith("CustomMessage_", StringComparison.Ordinal) ? "CognitoCustomMessageEvent"
                : null;
            if (type is not null)
            {
                return new Match("a Cognito user pool trigger", type, nameof(EventSources.Cognito));
            }
        }

        return null;
    }

    private static SampleNode? Get(SampleNode node, string key)
    {
        foreach (var member in node.Members)
        {
            if (member.Name == key)
            {
                return member.Value;
            }
        }

        return null;
    }

    private static string? Text(SampleNode? node) => node is { Kind: SampleKind.String } ? node.Text : null;
}
