using Microsoft.AspNetCore.Hosting;

namespace Amazon.Lambda.AspNetCoreServer;

/// <summary>A <see cref="ApplicationLoadBalancerFunction"/> whose <c>Init</c> uses the startup class <typeparamref name="TStartup"/>.</summary>
public abstract class ApplicationLoadBalancerFunction<TStartup> : ApplicationLoadBalancerFunction
    where TStartup : class
{
    protected ApplicationLoadBalancerFunction()
    {
    }

    protected ApplicationLoadBalancerFunction(StartupMode startupMode)
        : base(startupMode)
    {
    }

    protected override void Init(IWebHostBuilder builder) => builder.UseStartup<TStartup>();
}
