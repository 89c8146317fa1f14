using System;
using Amazon.Lambda.APIGatewayEvents;

namespace Amazon.Lambda.AspNetCoreServer;

/// <summary>Base class of an ASP.NET Core application behind an API Gateway HTTP API (payload format 2.0).</summary>
public abstract class APIGatewayHttpApiV2ProxyFunction : AbstractAspNetCoreFunction<APIGatewayHttpApiV2ProxyRequest, APIGatewayHttpApiV2ProxyResponse>
{
    protected APIGatewayHttpApiV2ProxyFunction()
    {
    }

    protected APIGatewayHttpApiV2ProxyFunction(StartupMode startupMode)
        : base(startupMode)
    {
    }

    protected APIGatewayHttpApiV2ProxyFunction(IServiceProvider hostedServices)
        : base(hostedServices)
    {
    }
}
