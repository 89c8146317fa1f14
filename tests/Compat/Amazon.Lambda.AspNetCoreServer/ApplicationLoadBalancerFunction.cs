using System;
using Amazon.Lambda.ApplicationLoadBalancerEvents;

namespace Amazon.Lambda.AspNetCoreServer;

/// <summary>Base class of an ASP.NET Core application behind an Application Load Balancer.</summary>
public abstract class ApplicationLoadBalancerFunction : AbstractAspNetCoreFunction<ApplicationLoadBalancerRequest, ApplicationLoadBalancerResponse>
{
    protected ApplicationLoadBalancerFunction()
    {
    }

    protected ApplicationLoadBalancerFunction(StartupMode startupMode)
        : base(startupMode)
    {
    }

    protected ApplicationLoadBalancerFunction(IServiceProvider hostedServices)
        : base(hostedServices)
    {
    }
}
