using System;
using Amazon.Lambda.Serialization.SystemTextJson;
using Xunit;

namespace Amazon.Lambda.StandIns.Tests.Serialization;

public class SourceGeneratorLambdaJsonSerializerTests
{
    private readonly SourceGeneratorLambdaJsonSerializer<OrderJsonContext> _serializer = new();

    [Fact]
    public void SourceGenerator_serializer_writes_context_types_with_lambda_defaults()
    {
        var json = LambdaJson.Write(_serializer, new Order { OrderId = "<o-1>", LineCount = 2 });

        Assert.Equal("""{"OrderId":"<o-1>","LineCount":2}""", json);
    }

    [Fact]
    public void SourceGenerator_serializer_reads_names_case_insensitively()
    {
        var order = LambdaJson.Read<Order>(_serializer, """{"orderId":"o-1","LINECOUNT":2}""");

        Assert.Equal("o-1", order.OrderId);
        Assert.Equal(2, order.LineCount);
    }

    [Fact]
    public void SourceGenerator_serializer_throws_when_writing_a_type_missing_from_the_context()
    {
        var error = Assert.Throws<JsonSerializerException>(
            () => LambdaJson.Write(_serializer, new S3ResponseElements { XAmzId2 = "id-2" }));

        Assert.Contains(typeof(S3ResponseElements).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SourceGenerator_serializer_throws_when_reading_a_type_missing_from_the_context()
    {
        var error = Assert.Throws<JsonSerializerException>(
            () => LambdaJson.Read<S3ResponseElements>(_serializer, """{"x-amz-id-2":"id-2"}"""));

        Assert.Contains(typeof(S3ResponseElements).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SourceGenerator_serializer_applies_the_customizer()
    {
        var serializer = new SourceGeneratorLambdaJsonSerializer<OrderJsonContext>(
            options => options.PropertyNamingPolicy = new AwsNamingPolicy(System.Text.Json.JsonNamingPolicy.CamelCase),
            null);

        var json = LambdaJson.Write(serializer, new Order { OrderId = "o-1" });

        Assert.Equal("""{"orderId":"o-1","lineCount":0}""", json);
    }
}
