using Microsoft.AspNetCore.Hosting;

namespace Amazon.Lambda.AspNetCoreServer;

/// <summary>A <see cref="APIGatewayProxyFunction"/> whose <c>Init</c> uses the startup class <typeparamref name="TStartup"/>.</summary>
public abstract class APIGatewayProxyFunction<TStartup> : APIGatewayProxyFunction
    where TStartup : class
{
    protected APIGatewayProxyFunction()
    {
    }

    protected APIGatewayProxyFunction(StartupMode startupMode)
        : base(startupMode)
    {
    }

    protected override void Init(IWebHostBuilder builder) => builder.UseStartup<TStartup>();
}
