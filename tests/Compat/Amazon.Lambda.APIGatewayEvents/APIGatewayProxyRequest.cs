using System.Collections.Generic;

namespace Amazon.Lambda.APIGatewayEvents;

/// <summary>API Gateway REST API (payload format 1.0) proxy request; core properties only.</summary>
public class APIGatewayProxyRequest
{
    public string Resource { get; set; }

    public string Path { get; set; }

    public string HttpMethod { get; set; }

    public IDictionary<string, string> Headers { get; set; }

    public IDictionary<string, IList<string>> MultiValueHeaders { get; set; }

    public IDictionary<string, string> QueryStringParameters { get; set; }

    public IDictionary<string, IList<string>> MultiValueQueryStringParameters { get; set; }

    public IDictionary<string, string> PathParameters { get; set; }

    public IDictionary<string, string> StageVariables { get; set; }

    public string Body { get; set; }

    public bool IsBase64Encoded { get; set; }
}
