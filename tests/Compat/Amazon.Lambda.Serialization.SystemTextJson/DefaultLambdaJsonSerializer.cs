using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.Serialization.SystemTextJson;

/// <summary>Reflection-based System.Text.Json serializer that writes .NET property names unchanged.</summary>
[RequiresUnreferencedCode("Reflection-based serialization does not survive trimming; use SourceGeneratorLambdaJsonSerializer with a JsonSerializerContext instead.")]
[RequiresDynamicCode("Reflection-based serialization needs code generated at run time, which Native AOT cannot do; use SourceGeneratorLambdaJsonSerializer with a JsonSerializerContext instead.")]
public class DefaultLambdaJsonSerializer : AbstractLambdaJsonSerializer, ILambdaSerializer
{
    public DefaultLambdaJsonSerializer()
        : this(null, null)
    {
    }

    public DefaultLambdaJsonSerializer(Action<JsonSerializerOptions> customizer)
        : this(customizer, null)
    {
    }

    public DefaultLambdaJsonSerializer(Action<JsonSerializerOptions> customizer, Action<JsonWriterOptions> jsonWriterCustomizer)
        : base(jsonWriterCustomizer)
    {
        SerializerOptions = LambdaJsonDefaults.CreateOptions();
        customizer?.Invoke(SerializerOptions);
    }

    protected JsonSerializerOptions SerializerOptions { get; }

    protected override void InternalSerialize<T>(Utf8JsonWriter writer, T response) =>
        JsonSerializer.Serialize(writer, response, SerializerOptions);

    protected override T InternalDeserialize<T>(byte[] utf8Json) =>
        JsonSerializer.Deserialize<T>(utf8Json, SerializerOptions);
}
