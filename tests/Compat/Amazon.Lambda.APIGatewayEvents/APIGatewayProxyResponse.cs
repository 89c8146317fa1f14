using System.Collections.Generic;
using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace Amazon.Lambda.APIGatewayEvents;

[DataContract]
public class APIGatewayProxyResponse
{
    [DataMember(Name = "statusCode")]
    [JsonPropertyName("statusCode")]
    public int StatusCode { get; set; }

    [DataMember(Name = "headers")]
    [JsonPropertyName("headers")]
    public IDictionary<string, string> Headers { get; set; }

    [DataMember(Name = "multiValueHeaders")]
    [JsonPropertyName("multiValueHeaders")]
    public IDictionary<string, IList<string>> MultiValueHeaders { get; set; }

    [DataMember(Name = "body")]
    [JsonPropertyName("body")]
    public string Body { get; set; }

    [DataMember(Name = "isBase64Encoded")]
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }
}
