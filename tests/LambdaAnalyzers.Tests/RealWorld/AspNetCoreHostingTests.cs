using System.Threading.Tasks;
using static LambdaAnalyzers.Tests.RealWorld.RealWorldProject;
using static LambdaAnalyzers.Tests.RealWorld.RealWorldSources;

namespace LambdaAnalyzers.Tests.RealWorld;

/// <summary>
/// ASP.NET Core applications run by Amazon.Lambda.AspNetCoreServer.Hosting (<c>AddAWSLambdaHosting</c>
/// in the top-level statements, as 7 of the 41 studied repositories do).
/// </summary>
public sealed class AspNetCoreHostingTests
{
    [Fact]
    public Task Hosting_registration_chained_into_a_discard_starts_the_loop_and_drops_no_task() => Executable("/repo/src/TodoApi/", TopLevel("""
        using Amazon.Lambda.AspNetCoreServer.Hosting;

        var services = new ServiceCollection();
        _ = services.AddAWSLambdaHosting(LambdaEventSource.HttpApi);
        """)).VerifyAsync();
}
