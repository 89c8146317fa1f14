using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Lambda.Serialization.SystemTextJson.Converters;

namespace Amazon.Lambda.Serialization.SystemTextJson;

/// <summary>The serializer options every Lambda serializer here starts from.</summary>
internal static class LambdaJsonDefaults
{
    public static JsonSerializerOptions CreateOptions(JsonNamingPolicy fallbackNamingPolicy = null) => new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = new AwsNamingPolicy(fallbackNamingPolicy),
        Converters =
        {
            new DateTimeConverter(),
            new MemoryStreamConverter(),
            new ConstantClassConverter(),
            new ByteArrayConverter(),
        },
    };
}
