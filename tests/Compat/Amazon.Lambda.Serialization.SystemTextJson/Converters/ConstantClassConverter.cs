using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Amazon.Lambda.Serialization.SystemTextJson.Converters;

/// <summary>
/// AWS SDK "constant classes" (subclasses of <c>Amazon.Runtime.ConstantClass</c>, e.g. S3 event names)
/// travel as their string value. Matched by name, so no SDK reference is needed.
/// </summary>
public class ConstantClassConverter : JsonConverter<object>
{
    private const string ConstantClassTypeName = "Amazon.Runtime.ConstantClass";

    public override bool CanConvert(Type typeToConvert)
    {
        for (var type = typeToConvert.BaseType; type is not null; type = type.BaseType)
        {
            if (type.FullName == ConstantClassTypeName)
            {
                return true;
            }
        }

        return false;
    }

    // Constant classes are looked up by name, so no annotation can keep their string constructor. When
    // trimming removed it, Read fails with the JsonException below (a clear error, never a wrong value).
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "A trimmed constructor fails with a clear JsonException.")]
    public override object Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        var constructor = typeToConvert.GetConstructor(new[] { typeof(string) })
            ?? throw new JsonException($"{typeToConvert.FullName} has no public constructor taking its string value.");
        return constructor.Invoke(new object[] { value });
    }

    public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
