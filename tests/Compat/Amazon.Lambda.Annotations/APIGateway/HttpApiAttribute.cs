using System;

namespace Amazon.Lambda.Annotations.APIGateway;

[AttributeUsage(AttributeTargets.Method)]
public class HttpApiAttribute : Attribute
{
    public HttpApiAttribute(LambdaHttpMethod method, string template)
    {
        Method = method;
        Template = template;
    }

    public HttpApiVersion Version { get; set; } = HttpApiVersion.V2;

    public string Template { get; set; }

    public LambdaHttpMethod Method { get; set; }
}
