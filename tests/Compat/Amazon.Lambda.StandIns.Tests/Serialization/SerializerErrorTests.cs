using System;
using Amazon.Lambda.Serialization.SystemTextJson;
using Xunit;

namespace Amazon.Lambda.StandIns.Tests.Serialization;

public class SerializerErrorTests
{
    private readonly DefaultLambdaJsonSerializer _serializer = new();

    [Fact]
    public void Unreadable_event_throws_JsonSerializerException_naming_the_target_type()
    {
        var error = Assert.Throws<JsonSerializerException>(() => LambdaJson.Read<Order>(_serializer, """{"LineCount":"two"}"""));

        Assert.StartsWith(
            "Error converting the Lambda event JSON payload to type Amazon.Lambda.StandIns.Tests.Serialization.Order: ",
            error.Message,
            StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void Unquoted_string_event_throws_JsonSerializerException_about_strings()
    {
        var error = Assert.Throws<JsonSerializerException>(() => LambdaJson.Read<string>(_serializer, "Hello World"));

        Assert.StartsWith("Error converting the Lambda event JSON payload to a string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unwritable_response_throws_JsonSerializerException_naming_the_response_type()
    {
        var error = Assert.Throws<JsonSerializerException>(() => LambdaJson.Write(_serializer, new Exploding()));

        Assert.StartsWith(
            "Error converting the response object of type Amazon.Lambda.StandIns.Tests.Serialization.Exploding from the Lambda function to JSON: ",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void DateTime_from_a_non_date_string_throws_JsonSerializerException()
    {
        Assert.Throws<JsonSerializerException>(() => LambdaJson.Read<Timed>(_serializer, """{"At":"yesterday"}"""));
    }
}
