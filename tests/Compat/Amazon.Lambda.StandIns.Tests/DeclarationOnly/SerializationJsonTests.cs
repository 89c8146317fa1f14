using Amazon.Lambda.Core;
using Xunit;

namespace Amazon.Lambda.StandIns.Tests.DeclarationOnly;

public class SerializationJsonTests
{
    [Fact]
    public void Newtonsoft_serializer_is_an_ILambdaSerializer_with_a_parameterless_constructor()
    {
        ILambdaSerializer serializer = new Amazon.Lambda.Serialization.Json.JsonSerializer();

        Assert.NotNull(serializer);
    }
}
