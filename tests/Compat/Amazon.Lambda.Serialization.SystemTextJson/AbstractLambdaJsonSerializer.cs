using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Amazon.Lambda.Serialization.SystemTextJson;

/// <summary>
/// Reads the whole request before deserializing, writes with relaxed escaping, and turns every
/// failure into a <see cref="JsonSerializerException"/> that names the type involved.
/// </summary>
public abstract class AbstractLambdaJsonSerializer
{
    protected AbstractLambdaJsonSerializer(Action<JsonWriterOptions> jsonWriterCustomizer)
    {
        var writerOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        // JsonWriterOptions is a struct, so the customizer only ever sees a copy; the signature is
        // kept because it is the real package's.
        jsonWriterCustomizer?.Invoke(writerOptions);
        WriterOptions = writerOptions;
    }

    protected JsonWriterOptions WriterOptions { get; }

    public void Serialize<T>(T response, Stream responseStream)
    {
        try
        {
            using var writer = new Utf8JsonWriter(responseStream, WriterOptions);
            InternalSerialize(writer, response);
        }
        catch (Exception e)
        {
            throw new JsonSerializerException(
                $"Error converting the response object of type {typeof(T).FullName} from the Lambda function to JSON: {e.Message}",
                e);
        }
    }

    public T Deserialize<T>(Stream requestStream)
    {
        try
        {
            return InternalDeserialize<T>(ReadAll(requestStream));
        }
        catch (Exception e)
        {
            var target = typeof(T) == typeof(string)
                ? "a string (a JSON string needs its quotes, e.g. \"Hello World\")"
                : $"type {typeof(T).FullName}";
            throw new JsonSerializerException($"Error converting the Lambda event JSON payload to {target}: {e.Message}", e);
        }
    }

    protected abstract void InternalSerialize<T>(Utf8JsonWriter writer, T response);

    protected abstract T InternalDeserialize<T>(byte[] utf8Json);

    private static byte[] ReadAll(Stream stream)
    {
        if (stream is MemoryStream memory)
        {
            return memory.ToArray();
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
