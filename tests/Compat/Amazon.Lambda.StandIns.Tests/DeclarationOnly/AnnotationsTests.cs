using System;
using System.Reflection;
using Amazon.Lambda.Annotations;
using Amazon.Lambda.Annotations.APIGateway;
using Xunit;

namespace Amazon.Lambda.StandIns.Tests.DeclarationOnly;

public class AnnotationsTests
{
    [Fact]
    public void HttpApi_defaults_to_payload_format_version_2()
    {
        var attribute = new HttpApiAttribute(LambdaHttpMethod.Get, "/orders/{id}");

        Assert.Equal(HttpApiVersion.V2, attribute.Version);
        Assert.Equal("/orders/{id}", attribute.Template);
    }

    [Fact]
    public void LambdaFunction_applies_to_methods_and_GenerateMain_to_the_assembly()
    {
        Assert.Equal(AttributeTargets.Method, typeof(LambdaFunctionAttribute).GetCustomAttribute<AttributeUsageAttribute>()!.ValidOn);
        Assert.Equal(AttributeTargets.Assembly, typeof(LambdaGlobalPropertiesAttribute).GetCustomAttribute<AttributeUsageAttribute>()!.ValidOn);
    }

    [Fact]
    public void Named_binding_attributes_share_INamedAttribute()
    {
        Assert.All(
            new[] { typeof(FromQueryAttribute), typeof(FromHeaderAttribute), typeof(FromRouteAttribute) },
            type => Assert.True(typeof(INamedAttribute).IsAssignableFrom(type), type.Name));
    }
}
