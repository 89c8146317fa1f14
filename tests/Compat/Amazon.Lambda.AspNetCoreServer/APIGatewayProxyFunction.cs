using System;
using Amazon.Lambda.APIGatewayEvents;

namespace Amazon.Lambda.AspNetCoreServer;

/// <summary>Base class of an ASP.NET Core application behind an API Gateway REST API (payload format 1.0).</summary>
public abstract class APIGatewayProxyFunction : AbstractAspNetCoreFunction<APIGatewayProxyRequest, APIGatewayProxyResponse>
{
    protected APIGatewayProxyFunction()
    {
    }

    protected APIGatewayProxyFunction(StartupMode startupMode)
        : base(startupMode)
    {
    }

    protected APIGatewayProxyFunction(IServiceProvider hostedServices)
        : base(hostedServices)
    {
    }
}
