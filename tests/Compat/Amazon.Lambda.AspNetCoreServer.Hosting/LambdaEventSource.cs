namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The kind of event that carries HTTP requests into the function.</summary>
public enum LambdaEventSource
{
    RestApi,
    HttpApi,
    ApplicationLoadBalancer,
}
