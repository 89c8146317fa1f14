using Amazon.Lambda.Serialization.SystemTextJson;
using Xunit;

namespace Amazon.Lambda.StandIns.Tests.Serialization;

public class CamelCaseLambdaJsonSerializerTests
{
    private readonly CamelCaseLambdaJsonSerializer _serializer = new();

    [Fact]
    public void CamelCase_serializer_writes_camel_case_names()
    {
        var json = LambdaJson.Write(_serializer, new Order { OrderId = "o-1", LineCount = 2, Note = "n" });

        Assert.Equal("""{"orderId":"o-1","lineCount":2,"note":"n"}""", json);
    }

    [Fact]
    public void CamelCase_serializer_reads_names_case_insensitively()
    {
        var order = LambdaJson.Read<Order>(_serializer, """{"OrderId":"o-1","LINECOUNT":2}""");

        Assert.Equal("o-1", order.OrderId);
        Assert.Equal(2, order.LineCount);
    }

    [Fact]
    public void CamelCase_serializer_omits_null_properties()
    {
        var json = LambdaJson.Write(_serializer, new Order { OrderId = "o-1" });

        Assert.Equal("""{"orderId":"o-1","lineCount":0}""", json);
    }

    [Fact]
    public void CamelCase_serializer_maps_the_s3_x_amz_names()
    {
        var json = LambdaJson.Write(_serializer, new S3ResponseElements { XAmzRequestId = "r-1", XAmzId2 = "id-2" });

        Assert.Equal("""{"x-amz-request-id":"r-1","x-amz-id-2":"id-2"}""", json);
    }

    [Fact]
    public void CamelCase_serializer_is_a_default_serializer()
    {
        Assert.IsAssignableFrom<DefaultLambdaJsonSerializer>(_serializer);
    }
}
