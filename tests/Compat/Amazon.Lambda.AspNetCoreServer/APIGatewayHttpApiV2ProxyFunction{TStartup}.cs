using Microsoft.AspNetCore.Hosting;

namespace Amazon.Lambda.AspNetCoreServer;

/// <summary>A <see cref="APIGatewayHttpApiV2ProxyFunction"/> whose <c>Init</c> uses the startup class <typeparamref name="TStartup"/>.</summary>
public abstract class APIGatewayHttpApiV2ProxyFunction<TStartup> : APIGatewayHttpApiV2ProxyFunction
    where TStartup : class
{
    protected APIGatewayHttpApiV2ProxyFunction()
    {
    }

    protected APIGatewayHttpApiV2ProxyFunction(StartupMode startupMode)
        : base(startupMode)
    {
    }

    protected override void Init(IWebHostBuilder builder) => builder.UseStartup<TStartup>();
}
