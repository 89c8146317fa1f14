using System.Collections.Generic;

namespace Amazon.Lambda.ApplicationLoadBalancerEvents;

/// <summary>Request an Application Load Balancer sends to a Lambda target; core properties only.</summary>
public class ApplicationLoadBalancerRequest
{
    public string HttpMethod { get; set; }

    public string Path { get; set; }

    public IDictionary<string, string> QueryStringParameters { get; set; }

    public IDictionary<string, IList<string>> MultiValueQueryStringParameters { get; set; }

    public IDictionary<string, string> Headers { get; set; }

    public IDictionary<string, IList<string>> MultiValueHeaders { get; set; }

    public string Body { get; set; }

    public bool IsBase64Encoded { get; set; }
}
