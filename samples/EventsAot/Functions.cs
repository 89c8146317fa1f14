using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Amazon.Lambda.Core;
using LambdaAnalyzers.Events;
using LambdaAnalyzers.Runtime;

#if JIT
// Only the JIT build runs as a class library (handler EventsAot::EventsAot.Functions::Drain), where Lambda's
// reflection-based serializer reads and writes the generated types through their [JsonConverter].
[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]
#endif

namespace EventsAot;

/// <summary>
/// Two handlers over generated event types: an SQS consumer that reports failed messages as a partial batch response,
/// and an HTTP API route. The generated Main reads and writes their events through LambdaEventsJsonResolver, so the
/// Native AOT build needs no JsonSerializerContext.
/// </summary>
public static class Functions
{
    /// <summary>Accepts each order message; a body that is not an order object is reported back for a retry.</summary>
    [LambdaHandler("drain")]
    public static SQSBatchResponse Drain(SQSEvent batch, ILambdaContext context)
    {
        var response = new SQSBatchResponse();
        foreach (var message in batch.Records)
        {
            var tenant = message.MessageAttributes.TryGetValue("tenant", out var attribute) ? attribute.StringValue : null;
            if (!message.Body.StartsWith('{'))
            {
                context.Logger.LogWarning($"Message {message.MessageId} is not an order; it goes back to the queue");
                response.BatchItemFailures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                continue;
            }

            context.Logger.LogInformation($"Order message {message.MessageId} for tenant {tenant ?? "-"} from {message.EventSourceArn}, received {(message.Attributes.TryGetValue("ApproximateReceiveCount", out var count) ? count : "?")} time(s)");
        }

        return response;
    }

    /// <summary>Describes the request it was given: what API Gateway's HTTP API passes to a function.</summary>
    [LambdaHandler("echo")]
    public static APIGatewayHttpApiV2ProxyResponse Echo(APIGatewayHttpApiV2ProxyRequest request)
    {
        var query = request.QueryStringParameters is { } parameters
            ? string.Join(",", parameters.OrderBy(p => p.Key, System.StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value))
            : string.Empty;
        var body = $"{{\"method\":\"{request.RequestContext.Http.Method}\",\"path\":\"{request.RawPath}\",\"route\":\"{request.RouteKey}\",\"query\":\"{query}\","
            + $"\"cookies\":{(request.Cookies?.Length ?? 0).ToString(CultureInfo.InvariantCulture)},\"bodyLength\":{(request.Body?.Length ?? 0).ToString(CultureInfo.InvariantCulture)},"
            + $"\"user\":\"{(request.RequestContext.Authorizer?.Jwt?.Claims is { } claims && claims.TryGetValue("sub", out var sub) ? sub : "anonymous")}\"}}";
        var response = new APIGatewayHttpApiV2ProxyResponse
        {
            StatusCode = request.RequestContext.Http.Method == "POST" ? 201 : 200,
            Body = body,
            Cookies = new[] { "seen=1; Path=/; HttpOnly" },
        };
        response.SetHeaderValues("content-type", "application/json", append: false);
        response.SetHeaderValues("x-request-id", request.RequestContext.RequestId, append: false);
        return response;
    }
}
