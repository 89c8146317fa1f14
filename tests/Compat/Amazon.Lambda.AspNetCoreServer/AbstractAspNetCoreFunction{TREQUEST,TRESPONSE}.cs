using System;
using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Amazon.Lambda.Serialization.SystemTextJson;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace Amazon.Lambda.AspNetCoreServer;

/// <summary>Turns a Lambda event into an ASP.NET Core request and the response back (declaration only).</summary>
public abstract class AbstractAspNetCoreFunction<TREQUEST, TRESPONSE> : AbstractAspNetCoreFunction
{
    protected AbstractAspNetCoreFunction()
        : this(StartupMode.Constructor)
    {
    }

    protected AbstractAspNetCoreFunction(StartupMode startupMode)
    {
    }

    protected AbstractAspNetCoreFunction(IServiceProvider hostedServices)
    {
    }

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public virtual Task<TRESPONSE> FunctionHandlerAsync(TREQUEST request, ILambdaContext lambdaContext) =>
        throw new NotSupportedException("stand-in: Amazon.Lambda.AspNetCoreServer is declaration-only here");

    protected virtual void Init(IWebHostBuilder builder)
    {
    }

    protected virtual void Init(IHostBuilder builder)
    {
    }

    protected virtual IHostBuilder CreateHostBuilder() => new HostBuilder();

    protected void Start()
    {
    }
}
