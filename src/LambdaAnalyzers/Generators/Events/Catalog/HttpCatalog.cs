using static LambdaAnalyzers.Generators.Events.Catalog.TypeBuilder;

namespace LambdaAnalyzers.Generators.Events.Catalog;

/// <summary>HTTP front doors: API Gateway REST and HTTP APIs, Application Load Balancer, function URLs.</summary>
internal static class HttpCatalog
{
    private const string V1 = "APIGatewayProxyRequest";
    private const string V2 = "APIGatewayHttpApiV2ProxyRequest";
    private const string V2Authorizer = V2 + ".AuthorizerDescription";

    /// <summary>https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html</summary>
    public static CatalogGroup RestApi { get; } = new(
        "RestApi",
        EventSources.RestApi,
        "API Gateway REST API proxy integration (payload format 1.0): the request and the response.",
        Class(V1, "A request an API Gateway REST API passes to a proxy integration (payload format 1.0).")
            .Required("Resource", "resource", W.String, "The resource path template, such as <c>/orders/{id}</c>.")
            .Required("Path", "path", W.String, "The request path.")
            .Required("HttpMethod", "httpMethod", W.String, "The HTTP method.")
            .Optional("Headers", "headers", W.StringIDictionary, "The headers; the last value of a repeated header.")
            .Optional("MultiValueHeaders", "multiValueHeaders", W.MultiValueIDictionary, "The headers with every value.")
            .Optional("QueryStringParameters", "queryStringParameters", W.StringIDictionary, "The query string; the last value of a repeated parameter.")
            .Optional("MultiValueQueryStringParameters", "multiValueQueryStringParameters", W.MultiValueIDictionary, "The query string with every value.")
            .Optional("PathParameters", "pathParameters", W.StringIDictionary, "The values of the path template's parameters.")
            .Optional("StageVariables", "stageVariables", W.StringIDictionary, "The stage variables of the deployment.")
            .Required("RequestContext", "requestContext", W.Obj(V1 + ".ProxyRequestContext"), "Who called, through which API and stage.")
            .Optional("Body", "body", W.String, "The body; base64 when <see cref=\"IsBase64Encoded\"/>.")
            .Required("IsBase64Encoded", "isBase64Encoded", W.Bool, "Whether <see cref=\"Body\"/> is base64."),
        Class("ProxyRequestContext", "The context of a request: API, stage, caller identity, authorizer output.")
            .In(V1)
            .Optional("Path", "path", W.String, "The request path including the stage.")
            .Optional("AccountId", "accountId", W.String, "The AWS account of the API.")
            .Optional("ResourceId", "resourceId", W.String, "The ID of the resource.")
            .Optional("Stage", "stage", W.String, "The deployment stage.")
            .Optional("RequestId", "requestId", W.String, "The request's ID.")
            .Optional("Identity", "identity", W.Obj(V1 + ".RequestIdentity"), "The caller's identity.")
            .Optional("ResourcePath", "resourcePath", W.String, "The resource path template.")
            .Optional("HttpMethod", "httpMethod", W.String, "The HTTP method.")
            .Optional("ApiId", "apiId", W.String, "The API's ID.")
            .Optional("ExtendedRequestId", "extendedRequestId", W.String, "The extended request ID.")
            .Optional("ConnectionId", "connectionId", W.String, "The WebSocket connection (WebSocket APIs).")
            .Required("ConnectedAt", "connectedAt", W.Long, "When the WebSocket connection was made, in Unix milliseconds (WebSocket APIs).")
            .Optional("DomainName", "domainName", W.String, "The domain name the request was made to.")
            .Optional("DomainPrefix", "domainPrefix", W.String, "The first label of the domain name.")
            .Optional("EventType", "eventType", W.String, "<c>CONNECT</c>, <c>MESSAGE</c> or <c>DISCONNECT</c> (WebSocket APIs).")
            .Optional("MessageId", "messageId", W.String, "The message's ID (WebSocket APIs).")
            .Optional("RouteKey", "routeKey", W.String, "The route (WebSocket APIs).")
            .Optional("Authorizer", "authorizer", W.Obj("APIGatewayCustomAuthorizerContext"), "What the authorizer returned as context (and Cognito claims).")
            .Optional("OperationName", "operationName", W.String, "The operation name of the method.")
            .Optional("Error", "error", W.String, "The error message (WebSocket APIs).")
            .Optional("IntegrationLatency", "integrationLatency", W.String, "The integration latency (WebSocket APIs).")
            .Optional("MessageDirection", "messageDirection", W.String, "The message direction (WebSocket APIs).")
            .Optional("RequestTime", "requestTime", W.String, "The time of the request in CLF format, such as <c>01/May/2024:12:00:00 +0000</c>.")
            .Required("RequestTimeEpoch", "requestTimeEpoch", W.Long, "The time of the request in Unix milliseconds.")
            .Optional("Status", "status", W.String, "The status (WebSocket APIs).")
            .Optional("Protocol", "protocol", W.String, "The request protocol, such as <c>HTTP/1.1</c>."),
        Class("RequestIdentity", "Who made the request, as far as API Gateway knows.")
            .In(V1)
            .Optional("CognitoIdentityPoolId", "cognitoIdentityPoolId", W.String, "The Cognito identity pool of the caller.")
            .Optional("AccountId", "accountId", W.String, "The AWS account of the caller.")
            .Optional("CognitoIdentityId", "cognitoIdentityId", W.String, "The Cognito identity of the caller.")
            .Optional("Caller", "caller", W.String, "The principal of the caller.")
            .Optional("ApiKey", "apiKey", W.String, "The API key of the request.")
            .Optional("ApiKeyId", "apiKeyId", W.String, "The ID of the API key.")
            .Optional("AccessKey", "accessKey", W.String, "The access key of a signed request.")
            .Optional("SourceIp", "sourceIp", W.String, "The source IP address of the TCP connection.")
            .Optional("CognitoAuthenticationType", "cognitoAuthenticationType", W.String, "The Cognito authentication type.")
            .Optional("CognitoAuthenticationProvider", "cognitoAuthenticationProvider", W.String, "The Cognito authentication provider.")
            .Optional("UserArn", "userArn", W.String, "The ARN of the calling user.")
            .Optional("UserAgent", "userAgent", W.String, "The user agent.")
            .Optional("User", "user", W.String, "The principal of the calling user.")
            .Optional("PrincipalOrgId", "principalOrgId", W.String, "The AWS organization of the caller.")
            .Optional("VpcId", "vpcId", W.String, "The VPC of a private API's caller.")
            .Optional("VpceId", "vpceId", W.String, "The VPC endpoint of a private API's caller.")
            .Optional("ClientCert", "clientCert", W.Obj(V1 + ".ProxyRequestClientCert"), "The client certificate (mutual TLS)."),
        Class("ProxyRequestClientCert", "A client certificate presented with mutual TLS.")
            .In(V1)
            .Optional("ClientCertPem", "clientCertPem", W.String, "The certificate in PEM.")
            .Optional("SubjectDN", "subjectDN", W.String, "The subject's distinguished name.")
            .Optional("IssuerDN", "issuerDN", W.String, "The issuer's distinguished name.")
            .Optional("SerialNumber", "serialNumber", W.String, "The serial number.")
            .Optional("Validity", "validity", W.Obj(V1 + ".ClientCertValidity"), "When the certificate is valid."),
        Class("ClientCertValidity", "The validity period of a client certificate.")
            .In(V1)
            .Optional("NotBefore", "notBefore", W.String, "The start, as API Gateway writes it (<c>May 28 12:30:02 2019 GMT</c>).")
            .Optional("NotAfter", "notAfter", W.String, "The end, as API Gateway writes it."),
        Class("APIGatewayCustomAuthorizerContext", "The context an authorizer returned, by key (a Cognito user pool authorizer puts its claims under <c>claims</c>).")
            .MapOf(W.Untyped)
            .WithMembers("""
                /// <summary>The claims a Cognito user pool authorizer passed (the <c>claims</c> entry), or null.</summary>
                public global::System.Collections.Generic.Dictionary<string, string>? Claims
                {
                    get
                    {
                        if (!TryGetValue("claims", out var value))
                        {
                            return null;
                        }

                        if (value is global::System.Collections.Generic.Dictionary<string, string> claims)
                        {
                            return claims;
                        }

                        if (value is global::System.Text.Json.JsonElement { ValueKind: global::System.Text.Json.JsonValueKind.Object } element)
                        {
                            var read = new global::System.Collections.Generic.Dictionary<string, string>();
                            foreach (var claim in element.EnumerateObject())
                            {
                                read[claim.Name] = claim.Value.ValueKind == global::System.Text.Json.JsonValueKind.String ? claim.Value.GetString()! : claim.Value.GetRawText();
                            }

                            return read;
                        }

                        return null;
                    }

                    set => this["claims"] = value!;
                }
                """),
        Class("APIGatewayProxyResponse", "The response a REST API proxy integration returns.")
            .Required("StatusCode", "statusCode", W.Int, "The HTTP status code.")
            .Optional("Headers", "headers", W.StringIDictionary, "Headers with one value.")
            .Optional("MultiValueHeaders", "multiValueHeaders", W.MultiValueIDictionary, "Headers with several values.")
            .Optional("Body", "body", W.String, "The body; base64 when <see cref=\"IsBase64Encoded\"/>.")
            .Required("IsBase64Encoded", "isBase64Encoded", W.Bool, "Whether <see cref=\"Body\"/> is base64 (binary media types)."));

    /// <summary>
    /// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html and, for
    /// function URLs, https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
    /// </summary>
    public static CatalogGroup HttpApi { get; } = new(
        "HttpApi",
        EventSources.HttpApi | EventSources.FunctionUrl,
        "API Gateway HTTP API and Lambda function URL requests and responses (payload format 2.0).",
        Class(V2, "A request an HTTP API or a function URL passes to a function (payload format 2.0).")
            .Required("Version", "version", W.String, "The payload format version, <c>2.0</c>.")
            .Required("RouteKey", "routeKey", W.String, "The route, such as <c>POST /orders</c> or <c>$default</c>.")
            .Required("RawPath", "rawPath", W.String, "The request path.")
            .Required("RawQueryString", "rawQueryString", W.String, "The query string as sent, without <c>?</c>.")
            .Optional("Cookies", "cookies", W.StringArray, "The cookies of the request.")
            .Required("Headers", "headers", W.StringIDictionary, "The headers, lower-case; repeated values joined with commas.")
            .Optional("QueryStringParameters", "queryStringParameters", W.StringIDictionary, "The query string; repeated values joined with commas.")
            .Required("RequestContext", "requestContext", W.Obj(V2 + ".ProxyRequestContext"), "The context of the request.")
            .Optional("Body", "body", W.String, "The body; base64 when <see cref=\"IsBase64Encoded\"/>.")
            .Optional("PathParameters", "pathParameters", W.StringIDictionary, "The values of the route's path parameters.")
            .Required("IsBase64Encoded", "isBase64Encoded", W.Bool, "Whether <see cref=\"Body\"/> is base64.")
            .Optional("StageVariables", "stageVariables", W.StringIDictionary, "The stage variables."),
        Class("ProxyRequestContext", "The context of a request.")
            .In(V2)
            .Required("AccountId", "accountId", W.String, "The AWS account of the API or function.")
            .Required("ApiId", "apiId", W.String, "The API's ID (the URL ID for function URLs).")
            .Optional("Authorizer", "authorizer", W.Obj(V2Authorizer), "What the authorizer established about the caller.")
            .Required("DomainName", "domainName", W.String, "The domain name the request was made to.")
            .Required("DomainPrefix", "domainPrefix", W.String, "The first label of the domain name.")
            .Required("Http", "http", W.Obj(V2 + ".HttpDescription"), "The HTTP request line and caller.")
            .Required("RequestId", "requestId", W.String, "The request's ID.")
            .Optional("RouteId", "routeId", W.String, "The route's ID.")
            .Required("RouteKey", "routeKey", W.String, "The route.")
            .Required("Stage", "stage", W.String, "The stage, <c>$default</c> for function URLs.")
            .Required("Time", "time", W.String, "The time of the request in CLF format.")
            .Required("TimeEpoch", "timeEpoch", W.Long, "The time of the request in Unix milliseconds.")
            .Optional("Authentication", "authentication", W.Obj(V2 + ".ProxyRequestAuthentication"), "The client certificate of a mutual TLS request."),
        Class("ProxyRequestAuthentication", "How the client authenticated with mutual TLS.")
            .In(V2)
            .Optional("ClientCert", "clientCert", W.Obj(V2 + ".ProxyRequestClientCert"), "The client certificate."),
        Class("ProxyRequestClientCert", "A client certificate presented with mutual TLS.")
            .In(V2)
            .Optional("ClientCertPem", "clientCertPem", W.String, "The certificate in PEM.")
            .Optional("SubjectDN", "subjectDN", W.String, "The subject's distinguished name.")
            .Optional("IssuerDN", "issuerDN", W.String, "The issuer's distinguished name.")
            .Optional("SerialNumber", "serialNumber", W.String, "The serial number.")
            .Optional("Validity", "validity", W.Obj(V2 + ".ClientCertValidity"), "When the certificate is valid."),
        Class("ClientCertValidity", "The validity period of a client certificate.")
            .In(V2)
            .Optional("NotBefore", "notBefore", W.String, "The start, as API Gateway writes it.")
            .Optional("NotAfter", "notAfter", W.String, "The end, as API Gateway writes it."),
        Class("HttpDescription", "The HTTP request line and caller.")
            .In(V2)
            .Required("Method", "method", W.String, "The HTTP method.")
            .Required("Path", "path", W.String, "The request path.")
            .Required("Protocol", "protocol", W.String, "The protocol, such as <c>HTTP/1.1</c>.")
            .Required("SourceIp", "sourceIp", W.String, "The source IP address of the TCP connection.")
            .Required("UserAgent", "userAgent", W.String, "The user agent."),
        Class("AuthorizerDescription", "What a JWT, Lambda or IAM authorizer established about the caller.")
            .In(V2)
            .Optional("Jwt", "jwt", W.Obj(V2Authorizer + ".JwtDescription"), "The token's claims and scopes (JWT authorizers).")
            .Optional("Lambda", "lambda", W.IDictionary(W.Untyped), "The context a Lambda authorizer returned.")
            .Optional("IAM", "iam", W.Obj(V2Authorizer + ".IAMDescription"), "The signing principal (IAM authorization, function URLs with AWS_IAM)."),
        Class("IAMDescription", "The IAM principal that signed the request.")
            .In(V2Authorizer)
            .Optional("AccessKey", "accessKey", W.String, "The access key.")
            .Optional("AccountId", "accountId", W.String, "The principal's AWS account.")
            .Optional("CallerId", "callerId", W.String, "The principal's ID.")
            .Optional("CognitoIdentity", "cognitoIdentity", W.Obj(V2Authorizer + ".CognitoIdentityDescription"), "The Cognito identity, for Cognito credentials.")
            .Optional("PrincipalOrgId", "principalOrgId", W.String, "The principal's AWS organization.")
            .Optional("UserARN", "userArn", W.String, "The principal's ARN.")
            .Optional("UserId", "userId", W.String, "The principal's user ID."),
        Class("CognitoIdentityDescription", "A Cognito identity behind IAM credentials.")
            .In(V2Authorizer)
            .Optional("AMR", "amr", W.StringIList, "The authentication methods references.")
            .Optional("IdentityId", "identityId", W.String, "The identity's ID.")
            .Optional("IdentityPoolId", "identityPoolId", W.String, "The identity pool's ID."),
        Class("JwtDescription", "A validated JWT.")
            .In(V2Authorizer)
            .Optional("Claims", "claims", W.StringIDictionary, "The token's claims (arrays and objects as text).")
            .Optional("Scopes", "scopes", W.StringArray, "The token's scopes."),
        Class("APIGatewayHttpApiV2ProxyResponse", "The response an HTTP API or function URL integration returns (payload format 2.0).")
            .Required("StatusCode", "statusCode", W.Int, "The HTTP status code.")
            .Optional("Headers", "headers", W.StringIDictionary, "The headers; several values of one header joined with commas.")
            .Optional("Cookies", "cookies", W.StringArray, "Cookies to set, each a <c>Set-Cookie</c> value.")
            .Optional("Body", "body", W.String, "The body; base64 when <see cref=\"IsBase64Encoded\"/>.")
            .Required("IsBase64Encoded", "isBase64Encoded", W.Bool, "Whether <see cref=\"Body\"/> is base64.")
            .WithMembers("""
                /// <summary>Sets header <paramref name="headerName"/> to <paramref name="value"/>, or appends it to the values there with a comma.</summary>
                public void SetHeaderValues(string headerName, string value, bool append)
                {
                    Headers ??= new global::System.Collections.Generic.Dictionary<string, string>();
                    Headers[headerName] = append && Headers.TryGetValue(headerName, out var existing) ? existing + "," + value : value;
                }

                /// <summary>Sets header <paramref name="headerName"/> to <paramref name="values"/> joined with commas, or appends them.</summary>
                public void SetHeaderValues(string headerName, global::System.Collections.Generic.IEnumerable<string> values, bool append) =>
                    SetHeaderValues(headerName, string.Join(",", values), append);
                """));

    /// <summary>https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html</summary>
    public static CatalogGroup ApplicationLoadBalancer { get; } = new(
        "ApplicationLoadBalancer",
        EventSources.ApplicationLoadBalancer,
        "Application Load Balancer target groups: the request and the response, with single- or multi-value headers.",
        Class("ApplicationLoadBalancerRequest", "A request an Application Load Balancer passes to a Lambda target. With multi-value headers on the target group, the multi-value members are set instead of the single-value ones.")
            .Required("RequestContext", "requestContext", W.Obj("ApplicationLoadBalancerRequest.ALBRequestContext"), "The target group that routed the request.")
            .Required("HttpMethod", "httpMethod", W.String, "The HTTP method.")
            .Required("Path", "path", W.String, "The request path.")
            .Optional("QueryStringParameters", "queryStringParameters", W.StringIDictionary, "The query string (single-value mode), values as sent (not decoded).")
            .Optional("MultiValueQueryStringParameters", "multiValueQueryStringParameters", W.MultiValueIDictionary, "The query string with every value (multi-value mode).")
            .Optional("Headers", "headers", W.StringIDictionary, "The headers, lower-case (single-value mode).")
            .Optional("MultiValueHeaders", "multiValueHeaders", W.MultiValueIDictionary, "The headers with every value (multi-value mode).")
            .Optional("Body", "body", W.String, "The body; base64 when <see cref=\"IsBase64Encoded\"/>.")
            .Required("IsBase64Encoded", "isBase64Encoded", W.Bool, "Whether <see cref=\"Body\"/> is base64."),
        Class("ALBRequestContext", "Where the request came from.")
            .In("ApplicationLoadBalancerRequest")
            .Required("Elb", "elb", W.Obj("ApplicationLoadBalancerRequest.ElbInfo"), "The load balancer's target group."),
        Class("ElbInfo", "The target group of the request.")
            .In("ApplicationLoadBalancerRequest")
            .Required("TargetGroupArn", "targetGroupArn", W.String, "The ARN of the target group."),
        Class("ApplicationLoadBalancerResponse", "The response a Lambda target returns to an Application Load Balancer; set the multi-value members when the target group uses multi-value headers.")
            .Required("StatusCode", "statusCode", W.Int, "The HTTP status code.")
            .Optional("StatusDescription", "statusDescription", W.String, "The status line text, such as <c>200 OK</c>.")
            .Optional("Headers", "headers", W.StringIDictionary, "Headers (single-value mode).")
            .Optional("MultiValueHeaders", "multiValueHeaders", W.MultiValueIDictionary, "Headers with several values (multi-value mode).")
            .Optional("Body", "body", W.String, "The body; base64 when <see cref=\"IsBase64Encoded\"/>.")
            .Required("IsBase64Encoded", "isBase64Encoded", W.Bool, "Whether <see cref=\"Body\"/> is base64."));

    /// <summary>https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html</summary>
    public static CatalogGroup FunctionUrl { get; } = new(
        "FunctionUrl",
        EventSources.FunctionUrl,
        "Lambda function URLs: the prelude that gives a streamed response its status, headers and cookies.",
        Class("HttpResponseStreamPrelude", "The status, headers and cookies of a streamed function URL response: written as JSON, then eight zero bytes, before the body. The stream's content type is <see cref=\"ContentType\"/>.")
            .Optional("StatusCode", "statusCode", W.StatusCode, "The HTTP status code; 200 when not set.")
            .Optional("Headers", "headers", W.StringIDictionary, "The headers.")
            .Optional("MultiValueHeaders", "multiValueHeaders", W.MultiValueIDictionary, "Headers with several values.")
            .Optional("Cookies", "cookies", W.StringIList, "Cookies to set, each a <c>Set-Cookie</c> value.")
            .WithMembers("""
                /// <summary>The content type that tells the function URL the response starts with a prelude.</summary>
                public const string ContentType = "application/vnd.awslambda.http-integration-response";

                /// <summary>The eight zero bytes that end the prelude; the body follows them.</summary>
                public static global::System.ReadOnlySpan<byte> Delimiter => new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 };

                /// <summary>The prelude's JSON followed by <see cref="Delimiter"/>, as the response stream starts.</summary>
                public byte[] ToUtf8Bytes()
                {
                    var buffer = new global::System.Buffers.ArrayBufferWriter<byte>();
                    using (var writer = new global::System.Text.Json.Utf8JsonWriter(buffer))
                    {
                        LambdaEventsJson.HttpResponseStreamPreludeCodec.Write(writer, this, LambdaEventsJsonResolver.Default.Options);
                    }

                    global::System.Buffers.BuffersExtensions.Write(buffer, Delimiter);
                    return buffer.WrittenSpan.ToArray();
                }

                /// <summary>Writes the prelude and its delimiter to <paramref name="responseStream"/>, before the body.</summary>
                public global::System.Threading.Tasks.Task WriteToAsync(global::System.IO.Stream responseStream, global::System.Threading.CancellationToken cancellationToken = default)
                {
                    var prelude = ToUtf8Bytes();
                    return responseStream.WriteAsync(prelude, 0, prelude.Length, cancellationToken);
                }
                """));
}
