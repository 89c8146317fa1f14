using System;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// The AWS event sources whose event model types LambdaAnalyzers generates into a project that names them in
/// <see cref="LambdaEventsAttribute"/>. The types carry the names of the Amazon.Lambda.*Events packages, read and
/// write the exact wire names AWS uses, and serialize without reflection.
/// </summary>
[Flags]
public enum LambdaEventSources
{
    /// <summary>No catalog source (sample-inferred types only).</summary>
    None = 0,

    /// <summary>API Gateway REST API proxy integration (payload 1.0): <c>APIGatewayProxyRequest</c>, <c>APIGatewayProxyResponse</c>.</summary>
    RestApi = 1 << 0,

    /// <summary>API Gateway HTTP API (payload 2.0): <c>APIGatewayHttpApiV2ProxyRequest</c>, <c>APIGatewayHttpApiV2ProxyResponse</c>.</summary>
    HttpApi = 1 << 1,

    /// <summary>Application Load Balancer target group: <c>ApplicationLoadBalancerRequest</c>, <c>ApplicationLoadBalancerResponse</c>.</summary>
    ApplicationLoadBalancer = 1 << 2,

    /// <summary>Lambda function URLs: the payload 2.0 request and response types, and <c>HttpResponseStreamPrelude</c> for streamed responses.</summary>
    FunctionUrl = 1 << 3,

    /// <summary>Amazon SQS: <c>SQSEvent</c>, <c>SQSBatchResponse</c>.</summary>
    Sqs = 1 << 4,

    /// <summary>Amazon SNS: <c>SNSEvent</c>.</summary>
    Sns = 1 << 5,

    /// <summary>Amazon S3 notifications (<c>S3Event</c>) and S3 events delivered by EventBridge (<c>S3ObjectCreateEvent</c>, ...).</summary>
    S3 = 1 << 6,

    /// <summary>Amazon EventBridge and CloudWatch Events: <c>CloudWatchEvent&lt;T&gt;</c>, <c>ScheduledEvent</c>.</summary>
    EventBridge = 1 << 7,

    /// <summary>DynamoDB Streams: <c>DynamoDBEvent</c>, <c>StreamsEventResponse</c>.</summary>
    DynamoDb = 1 << 8,

    /// <summary>Kinesis Data Streams: <c>KinesisEvent</c>, <c>StreamsEventResponse</c>.</summary>
    Kinesis = 1 << 9,

    /// <summary>Amazon Data Firehose transformation: <c>KinesisFirehoseEvent</c>, <c>KinesisFirehoseResponse</c>.</summary>
    KinesisFirehose = 1 << 10,

    /// <summary>Cognito user pool triggers: pre sign-up, post confirmation, pre token generation, custom message.</summary>
    Cognito = 1 << 11,

    /// <summary>CloudWatch Logs subscription: <c>CloudWatchLogsEvent</c>.</summary>
    CloudWatchLogs = 1 << 12,
}
