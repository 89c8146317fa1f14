namespace Amazon.Lambda.Annotations.APIGateway;

public enum LambdaHttpMethod
{
    Any,
    Get,
    Post,
    Put,
    Patch,
    Head,
    Delete,
    Options,
}
