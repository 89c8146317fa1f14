using System.Collections.Generic;

namespace Amazon.Lambda.APIGatewayEvents;

/// <summary>API Gateway HTTP API (payload format 2.0) proxy request; core properties only.</summary>
public class APIGatewayHttpApiV2ProxyRequest
{
    public string Version { get; set; }

    public string RouteKey { get; set; }

    public string RawPath { get; set; }

    public string RawQueryString { get; set; }

    public string[] Cookies { get; set; }

    public IDictionary<string, string> Headers { get; set; }

    public IDictionary<string, string> QueryStringParameters { get; set; }

    public IDictionary<string, string> PathParameters { get; set; }

    public IDictionary<string, string> StageVariables { get; set; }

    public string Body { get; set; }

    public bool IsBase64Encoded { get; set; }
}
