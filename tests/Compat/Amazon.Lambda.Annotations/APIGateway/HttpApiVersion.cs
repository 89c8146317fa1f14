namespace Amazon.Lambda.Annotations.APIGateway;

public enum HttpApiVersion
{
    V1,
    V2,
}
