using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Text.Json;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.Serialization.SystemTextJson;

/// <summary>The first System.Text.Json serializer: camelCase names. Superseded by the default serializer.</summary>
[Obsolete("This serializer uses inconsistent name casing; use DefaultLambdaJsonSerializer instead.")]
[RequiresUnreferencedCode("Reflection-based serialization does not survive trimming; use SourceGeneratorLambdaJsonSerializer with a JsonSerializerContext instead.")]
[RequiresDynamicCode("Reflection-based serialization needs code generated at run time, which Native AOT cannot do; use SourceGeneratorLambdaJsonSerializer with a JsonSerializerContext instead.")]
public class LambdaJsonSerializer : ILambdaSerializer
{
    private readonly DefaultLambdaJsonSerializer _inner;

    public LambdaJsonSerializer()
        : this(null, null)
    {
    }

    public LambdaJsonSerializer(Action<JsonSerializerOptions> customizer)
        : this(customizer, null)
    {
    }

    public LambdaJsonSerializer(Action<JsonSerializerOptions> customizer, Action<JsonWriterOptions> jsonWriterCustomizer)
    {
        _inner = new DefaultLambdaJsonSerializer(
            options =>
            {
                options.PropertyNamingPolicy = new AwsNamingPolicy(JsonNamingPolicy.CamelCase);
                customizer?.Invoke(options);
            },
            jsonWriterCustomizer);
    }

    public T Deserialize<T>(Stream requestStream) => _inner.Deserialize<T>(requestStream);

    public void Serialize<T>(T response, Stream responseStream) => _inner.Serialize(response, responseStream);
}
