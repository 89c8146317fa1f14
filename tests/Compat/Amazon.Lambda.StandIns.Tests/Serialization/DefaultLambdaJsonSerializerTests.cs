using System.IO;
using System.Text;
using System.Text.Json;
using Amazon.Lambda.Serialization.SystemTextJson;
using Xunit;

namespace Amazon.Lambda.StandIns.Tests.Serialization;

public class DefaultLambdaJsonSerializerTests
{
    private readonly DefaultLambdaJsonSerializer _serializer = new();

    [Fact]
    public void Default_serializer_keeps_pascal_case_names()
    {
        var json = LambdaJson.Write(_serializer, new Order { OrderId = "o-1", LineCount = 2, Note = "n" });

        Assert.Equal("""{"OrderId":"o-1","LineCount":2,"Note":"n"}""", json);
    }

    [Fact]
    public void Default_serializer_reads_names_case_insensitively()
    {
        var order = LambdaJson.Read<Order>(_serializer, """{"orderid":"o-1","LINECOUNT":2,"note":"n"}""");

        Assert.Equal("o-1", order.OrderId);
        Assert.Equal(2, order.LineCount);
        Assert.Equal("n", order.Note);
    }

    [Fact]
    public void Default_serializer_omits_null_properties()
    {
        var json = LambdaJson.Write(_serializer, new Order { OrderId = "o-1", LineCount = 0, Note = null });

        Assert.Equal("""{"OrderId":"o-1","LineCount":0}""", json);
    }

    [Fact]
    public void Default_serializer_leaves_html_and_non_ascii_characters_unescaped()
    {
        var json = LambdaJson.Write(_serializer, new Order { OrderId = "<b>Café & 'thé'</b>", Note = "say \"hi\"" });

        Assert.Equal("""{"OrderId":"<b>Café & 'thé'</b>","LineCount":0,"Note":"say \"hi\""}""", json);
    }

    [Fact]
    public void Default_serializer_maps_the_s3_x_amz_names()
    {
        var json = LambdaJson.Write(_serializer, new S3ResponseElements { XAmzRequestId = "r-1", XAmzId2 = "id-2" });

        Assert.Equal("""{"x-amz-request-id":"r-1","x-amz-id-2":"id-2"}""", json);
    }

    [Fact]
    public void Default_serializer_reads_the_s3_x_amz_names()
    {
        var elements = LambdaJson.Read<S3ResponseElements>(_serializer, """{"x-amz-request-id":"r-1","x-amz-id-2":"id-2"}""");

        Assert.Equal("r-1", elements.XAmzRequestId);
        Assert.Equal("id-2", elements.XAmzId2);
    }

    [Fact]
    public void Null_response_is_written_as_json_null()
    {
        var json = LambdaJson.Write<Order?>(_serializer, null);

        Assert.Equal("null", json);
    }

    [Fact]
    public void Default_serializer_reads_a_request_stream_that_is_not_a_memory_stream()
    {
        using var stream = new BufferedStream(new MemoryStream(Encoding.UTF8.GetBytes("""{"OrderId":"o-1"}""")));

        var order = _serializer.Deserialize<Order>(stream);

        Assert.Equal("o-1", order.OrderId);
    }

    [Fact]
    public void Customizer_runs_after_the_lambda_defaults()
    {
        var serializer = new DefaultLambdaJsonSerializer(options => options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);

        var json = LambdaJson.Write(serializer, new Order { OrderId = "o-1", LineCount = 2 });

        Assert.Equal("""{"order_id":"o-1","line_count":2}""", json);
    }
}
