using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.Serialization.SystemTextJson;

/// <summary>
/// Serializes only through the type information of a source-generated <typeparamref name="TSGContext"/>,
/// created over the Lambda default options; a type the context does not list fails when it is first used.
/// </summary>
public class SourceGeneratorLambdaJsonSerializer<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSGContext> : AbstractLambdaJsonSerializer, ILambdaSerializer
    where TSGContext : JsonSerializerContext
{
    private readonly TSGContext _jsonSerializerContext;

    public SourceGeneratorLambdaJsonSerializer()
        : this(null, null)
    {
    }

    public SourceGeneratorLambdaJsonSerializer(Action<JsonWriterOptions> jsonWriterCustomizer)
        : this(null, jsonWriterCustomizer)
    {
    }

    public SourceGeneratorLambdaJsonSerializer(Action<JsonSerializerOptions> customizer, Action<JsonWriterOptions> jsonWriterCustomizer)
        : base(jsonWriterCustomizer)
    {
        var options = LambdaJsonDefaults.CreateOptions();
        customizer?.Invoke(options);
        _jsonSerializerContext = CreateContext(options);
    }

    protected override void InternalSerialize<T>(Utf8JsonWriter writer, T response) =>
        JsonSerializer.Serialize(writer, response, GetTypeInfo<T>());

    protected override T InternalDeserialize<T>(byte[] utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, GetTypeInfo<T>());

    private static TSGContext CreateContext(JsonSerializerOptions options)
    {
        // Generated contexts have a public constructor taking the options they bind to; the annotation on
        // TSGContext keeps it under trimming and Native AOT.
        var constructor = typeof(TSGContext).GetConstructor(new[] { typeof(JsonSerializerOptions) })
            ?? throw new JsonSerializerException(
                $"{typeof(TSGContext).FullName} has no public constructor taking JsonSerializerOptions.");
        return (TSGContext)constructor.Invoke(new object[] { options });
    }

    private JsonTypeInfo<T> GetTypeInfo<T>() =>
        _jsonSerializerContext.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new JsonSerializerException(
            $"No JsonTypeInfo registered in {_jsonSerializerContext.GetType().FullName} for type {typeof(T).FullName}.");
}
