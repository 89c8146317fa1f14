using System;
using System.IO;
using System.Text;
using Amazon.Lambda.Serialization.SystemTextJson;
using Xunit;

namespace Amazon.Lambda.StandIns.Tests.Serialization;

public class ConverterTests
{
    private readonly DefaultLambdaJsonSerializer _serializer = new();

    [Fact]
    public void DateTime_is_written_as_an_iso_8601_string()
    {
        var json = LambdaJson.Write(_serializer, new Timed { At = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc) });

        Assert.Equal("""{"At":"2024-01-02T03:04:05Z"}""", json);
    }

    [Fact]
    public void DateTime_is_read_from_an_iso_8601_string()
    {
        var timed = LambdaJson.Read<Timed>(_serializer, """{"At":"2024-01-02T03:04:05.250Z"}""");

        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, 250, DateTimeKind.Utc), timed.At);
    }

    [Fact]
    public void DateTime_number_is_read_as_epoch_seconds()
    {
        var timed = LambdaJson.Read<Timed>(_serializer, """{"At":1700000000}""");

        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc), timed.At);
    }

    [Fact]
    public void DateTime_fractional_number_is_read_as_epoch_seconds()
    {
        var timed = LambdaJson.Read<Timed>(_serializer, """{"At":1700000000.5}""");

        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, 500, DateTimeKind.Utc), timed.At);
    }

    [Fact]
    public void DateTime_number_past_year_5000_in_seconds_is_read_as_epoch_milliseconds()
    {
        var timed = LambdaJson.Read<Timed>(_serializer, """{"At":1700000000123}""");

        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, 123, DateTimeKind.Utc), timed.At);
    }

    [Fact]
    public void MemoryStream_is_written_as_a_base64_string()
    {
        var json = LambdaJson.Write(_serializer, new Blob { Payload = new MemoryStream(Encoding.UTF8.GetBytes("hello")) });

        Assert.Equal("""{"Payload":"aGVsbG8="}""", json);
    }

    [Fact]
    public void MemoryStream_is_read_from_a_base64_string()
    {
        var blob = LambdaJson.Read<Blob>(_serializer, """{"Payload":"aGVsbG8="}""");

        Assert.Equal("hello", Encoding.UTF8.GetString(blob.Payload!.ToArray()));
    }

    [Fact]
    public void Byte_array_is_written_as_a_number_array()
    {
        var json = LambdaJson.Write(_serializer, new Bytes { Data = new byte[] { 1, 2, 255 } });

        Assert.Equal("""{"Data":[1,2,255]}""", json);
    }

    [Fact]
    public void Byte_array_is_read_from_a_base64_string()
    {
        var bytes = LambdaJson.Read<Bytes>(_serializer, """{"Data":"AQL/"}""");

        Assert.Equal(new byte[] { 1, 2, 255 }, bytes.Data);
    }

    [Fact]
    public void Byte_array_is_read_from_a_number_array()
    {
        var bytes = LambdaJson.Read<Bytes>(_serializer, """{"Data":[1,2,255]}""");

        Assert.Equal(new byte[] { 1, 2, 255 }, bytes.Data);
    }

    [Fact]
    public void Sdk_constant_class_is_written_as_its_value()
    {
        var json = LambdaJson.Write(_serializer, new Membership { Tier = Tier.Gold });

        Assert.Equal("""{"Tier":"GOLD"}""", json);
    }

    [Fact]
    public void Sdk_constant_class_is_read_from_its_value()
    {
        var membership = LambdaJson.Read<Membership>(_serializer, """{"Tier":"GOLD"}""");

        Assert.Equal("GOLD", membership.Tier!.Value);
    }
}
