using System;
using System.Collections.Generic;
using System.IO;
using Amazon.Lambda.Core;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Amazon.Lambda.Serialization.Json;

/// <summary>Newtonsoft.Json-based Lambda serializer (declaration only).</summary>
public class JsonSerializer : ILambdaSerializer
{
    public JsonSerializer()
    {
    }

    public JsonSerializer(Action<JsonSerializerSettings> customizeSerializerSettings)
    {
    }

    public JsonSerializer(Action<JsonSerializerSettings> customizeSerializerSettings, NamingStrategy namingStrategy)
    {
    }

    public JsonSerializer(IEnumerable<JsonConverter> converters)
    {
    }

    public T Deserialize<T>(Stream requestStream) => throw new NotSupportedException("stand-in");

    public void Serialize<T>(T response, Stream responseStream) => throw new NotSupportedException("stand-in");
}
