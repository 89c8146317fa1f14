using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Amazon.Lambda.Serialization.SystemTextJson;

/// <summary>The default serializer with camelCase property names.</summary>
[RequiresUnreferencedCode("Reflection-based serialization does not survive trimming; use SourceGeneratorLambdaJsonSerializer with a JsonSerializerContext instead.")]
[RequiresDynamicCode("Reflection-based serialization needs code generated at run time, which Native AOT cannot do; use SourceGeneratorLambdaJsonSerializer with a JsonSerializerContext instead.")]
public class CamelCaseLambdaJsonSerializer : DefaultLambdaJsonSerializer
{
    public CamelCaseLambdaJsonSerializer()
        : base(UseCamelCase)
    {
    }

    private static void UseCamelCase(JsonSerializerOptions options) =>
        options.PropertyNamingPolicy = new AwsNamingPolicy(JsonNamingPolicy.CamelCase);
}
