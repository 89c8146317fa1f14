namespace Amazon.Lambda.AspNetCoreServer;

public abstract class AbstractAspNetCoreFunction
{
    /// <summary><c>HttpContext.Items</c> key of the invocation's <c>ILambdaContext</c>.</summary>
    public const string LAMBDA_CONTEXT = "LambdaContext";

    /// <summary><c>HttpContext.Items</c> key of the Lambda request object (the event).</summary>
    public const string LAMBDA_REQUEST_OBJECT = "LambdaRequestObject";
}
