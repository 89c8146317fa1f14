using Amazon.Lambda.Serialization.SystemTextJson;
using Xunit;

namespace Amazon.Lambda.StandIns.Tests.Serialization;

public class LambdaJsonSerializerTests
{
    // The type under test is obsolete by design; these tests pin what existing functions still get.
#pragma warning disable CS0618
    private readonly LambdaJsonSerializer _serializer = new();
#pragma warning restore CS0618

    [Fact]
    public void Obsolete_serializer_writes_camel_case_names_without_nulls()
    {
        var json = LambdaJson.Write(_serializer, new Order { OrderId = "o-1", LineCount = 2 });

        Assert.Equal("""{"orderId":"o-1","lineCount":2}""", json);
    }

    [Fact]
    public void Obsolete_serializer_reads_names_case_insensitively()
    {
        var order = LambdaJson.Read<Order>(_serializer, """{"ORDERID":"o-1"}""");

        Assert.Equal("o-1", order.OrderId);
    }
}
