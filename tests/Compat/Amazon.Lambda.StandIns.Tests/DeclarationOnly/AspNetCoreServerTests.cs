using System.Reflection;
using Amazon.Lambda.AspNetCoreServer;
using Amazon.Lambda.Core;
using Amazon.Lambda.Serialization.SystemTextJson;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amazon.Lambda.StandIns.Tests.DeclarationOnly;

public class AspNetCoreServerTests
{
    [Theory]
    [InlineData(typeof(APIGatewayProxyFunction))]
    [InlineData(typeof(APIGatewayHttpApiV2ProxyFunction))]
    [InlineData(typeof(ApplicationLoadBalancerFunction))]
    public void FunctionHandlerAsync_declares_the_default_System_Text_Json_serializer(System.Type function)
    {
        var handler = function.GetMethod("FunctionHandlerAsync")!;

        var attribute = handler.GetCustomAttribute<LambdaSerializerAttribute>();

        Assert.Equal(typeof(DefaultLambdaJsonSerializer), attribute?.SerializerType);
    }

    [Fact]
    public void AddAWSLambdaHosting_outside_Lambda_leaves_the_services_alone()
    {
        var services = new ServiceCollection();

        var returned = services.AddAWSLambdaHosting(LambdaEventSource.HttpApi);

        Assert.Same(services, returned);
        Assert.Empty(services);
    }
}
