using System.IO;
using System.Text;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.StandIns.Tests.Serialization;

/// <summary>Runs an <see cref="ILambdaSerializer"/> over strings, as the runtime runs it over streams.</summary>
internal static class LambdaJson
{
    public static string Write<T>(ILambdaSerializer serializer, T value)
    {
        using var stream = new MemoryStream();
        serializer.Serialize(value, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static T Read<T>(ILambdaSerializer serializer, string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return serializer.Deserialize<T>(stream);
    }
}
