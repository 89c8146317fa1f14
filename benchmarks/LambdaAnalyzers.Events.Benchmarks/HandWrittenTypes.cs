using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace LambdaAnalyzers.Events.Benchmarks.HandWritten;

// The same shapes as the generated types (the fields the sample events hold, with their wire names), written by hand
// for System.Text.Json's source generator and for reflection. Byte-valued SQS attributes are byte[] here, as STJ reads
// base64 into byte[]; the generated type keeps Amazon.Lambda.SQSEvents' MemoryStream.

public sealed class HttpApiRequest
{
    [JsonPropertyName("version")] public string Version { get; set; } = string.Empty;
    [JsonPropertyName("routeKey")] public string RouteKey { get; set; } = string.Empty;
    [JsonPropertyName("rawPath")] public string RawPath { get; set; } = string.Empty;
    [JsonPropertyName("rawQueryString")] public string RawQueryString { get; set; } = string.Empty;
    [JsonPropertyName("cookies")] public string[]? Cookies { get; set; }
    [JsonPropertyName("headers")] public Dictionary<string, string> Headers { get; set; } = new();
    [JsonPropertyName("queryStringParameters")] public Dictionary<string, string>? QueryStringParameters { get; set; }
    [JsonPropertyName("requestContext")] public HttpApiRequestContext RequestContext { get; set; } = new();
    [JsonPropertyName("body")] public string? Body { get; set; }
    [JsonPropertyName("pathParameters")] public Dictionary<string, string>? PathParameters { get; set; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; set; }
    [JsonPropertyName("stageVariables")] public Dictionary<string, string>? StageVariables { get; set; }
}

public sealed class HttpApiRequestContext
{
    [JsonPropertyName("accountId")] public string AccountId { get; set; } = string.Empty;
    [JsonPropertyName("apiId")] public string ApiId { get; set; } = string.Empty;
    [JsonPropertyName("authorizer")] public HttpApiAuthorizer? Authorizer { get; set; }
    [JsonPropertyName("domainName")] public string DomainName { get; set; } = string.Empty;
    [JsonPropertyName("domainPrefix")] public string DomainPrefix { get; set; } = string.Empty;
    [JsonPropertyName("http")] public HttpApiHttp Http { get; set; } = new();
    [JsonPropertyName("requestId")] public string RequestId { get; set; } = string.Empty;
    [JsonPropertyName("routeId")] public string? RouteId { get; set; }
    [JsonPropertyName("routeKey")] public string RouteKey { get; set; } = string.Empty;
    [JsonPropertyName("stage")] public string Stage { get; set; } = string.Empty;
    [JsonPropertyName("time")] public string Time { get; set; } = string.Empty;
    [JsonPropertyName("timeEpoch")] public long TimeEpoch { get; set; }
    [JsonPropertyName("authentication")] public HttpApiAuthentication? Authentication { get; set; }
}

public sealed class HttpApiAuthorizer
{
    [JsonPropertyName("jwt")] public HttpApiJwt? Jwt { get; set; }
}

public sealed class HttpApiJwt
{
    [JsonPropertyName("claims")] public Dictionary<string, string>? Claims { get; set; }
    [JsonPropertyName("scopes")] public string[]? Scopes { get; set; }
}

public sealed class HttpApiHttp
{
    [JsonPropertyName("method")] public string Method { get; set; } = string.Empty;
    [JsonPropertyName("path")] public string Path { get; set; } = string.Empty;
    [JsonPropertyName("protocol")] public string Protocol { get; set; } = string.Empty;
    [JsonPropertyName("sourceIp")] public string SourceIp { get; set; } = string.Empty;
    [JsonPropertyName("userAgent")] public string UserAgent { get; set; } = string.Empty;
}

public sealed class HttpApiAuthentication
{
    [JsonPropertyName("clientCert")] public HttpApiClientCert? ClientCert { get; set; }
}

public sealed class HttpApiClientCert
{
    [JsonPropertyName("clientCertPem")] public string? ClientCertPem { get; set; }
    [JsonPropertyName("subjectDN")] public string? SubjectDN { get; set; }
    [JsonPropertyName("issuerDN")] public string? IssuerDN { get; set; }
    [JsonPropertyName("serialNumber")] public string? SerialNumber { get; set; }
    [JsonPropertyName("validity")] public HttpApiValidity? Validity { get; set; }
}

public sealed class HttpApiValidity
{
    [JsonPropertyName("notBefore")] public string? NotBefore { get; set; }
    [JsonPropertyName("notAfter")] public string? NotAfter { get; set; }
}

public sealed class SqsEvent
{
    [JsonPropertyName("Records")] public List<SqsMessage> Records { get; set; } = new();
}

public sealed class SqsMessage
{
    [JsonPropertyName("messageId")] public string MessageId { get; set; } = string.Empty;
    [JsonPropertyName("receiptHandle")] public string ReceiptHandle { get; set; } = string.Empty;
    [JsonPropertyName("body")] public string Body { get; set; } = string.Empty;
    [JsonPropertyName("md5OfBody")] public string? Md5OfBody { get; set; }
    [JsonPropertyName("md5OfMessageAttributes")] public string? Md5OfMessageAttributes { get; set; }
    [JsonPropertyName("eventSourceARN")] public string EventSourceArn { get; set; } = string.Empty;
    [JsonPropertyName("eventSource")] public string EventSource { get; set; } = string.Empty;
    [JsonPropertyName("awsRegion")] public string AwsRegion { get; set; } = string.Empty;
    [JsonPropertyName("attributes")] public Dictionary<string, string> Attributes { get; set; } = new();
    [JsonPropertyName("messageAttributes")] public Dictionary<string, SqsMessageAttribute> MessageAttributes { get; set; } = new();
}

public sealed class SqsMessageAttribute
{
    [JsonPropertyName("stringValue")] public string? StringValue { get; set; }
    [JsonPropertyName("binaryValue")] public byte[]? BinaryValue { get; set; }
    [JsonPropertyName("stringListValues")] public List<string>? StringListValues { get; set; }
    [JsonPropertyName("binaryListValues")] public List<byte[]>? BinaryListValues { get; set; }
    [JsonPropertyName("dataType")] public string DataType { get; set; } = string.Empty;
}

public sealed class RestApiResponse
{
    [JsonPropertyName("statusCode")] public int StatusCode { get; set; }
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; set; }
    [JsonPropertyName("multiValueHeaders")] public Dictionary<string, IList<string>>? MultiValueHeaders { get; set; }
    [JsonPropertyName("body")] public string? Body { get; set; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpApiRequest))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(RestApiResponse))]
internal sealed partial class HandWrittenContext : JsonSerializerContext
{
}
