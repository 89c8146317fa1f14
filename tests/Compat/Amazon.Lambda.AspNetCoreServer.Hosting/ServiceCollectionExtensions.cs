namespace Microsoft.Extensions.DependencyInjection;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddAWSLambdaHosting(this IServiceCollection services, LambdaEventSource eventSource) =>
        services;
}
