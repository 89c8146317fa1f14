using System.Text;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// A class-library Lambda project whose handler reads and writes a graph of <c>count</c> types with
/// shared and cyclic references, collections and dictionaries. Lambda types are declared in the
/// source itself: the rules recognise them by name.
/// </summary>
internal static class TypeGraphSource
{
    public static string Create(int count)
    {
        var source = new StringBuilder("""
            using System;
            using System.Collections.Generic;
            [assembly: Amazon.Lambda.Core.LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]
            namespace Amazon.Lambda.Core
            {
                public interface ILambdaContext { }
                public interface ILambdaSerializer { T Deserialize<T>(System.IO.Stream s); void Serialize<T>(T value, System.IO.Stream s); }
                [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Method)]
                public sealed class LambdaSerializerAttribute : Attribute { public LambdaSerializerAttribute(Type serializerType) { } }
            }
            namespace Amazon.Lambda.Serialization.SystemTextJson
            {
                public class DefaultLambdaJsonSerializer : Amazon.Lambda.Core.ILambdaSerializer
                {
                    public T Deserialize<T>(System.IO.Stream s) => default!;
                    public void Serialize<T>(T value, System.IO.Stream s) { }
                }
            }
            namespace LambdaAnalyzers.Runtime
            {
                [AttributeUsage(AttributeTargets.Method)]
                public sealed class LambdaHandlerAttribute : Attribute { }
            }
            namespace Graph
            {
                public class Function
                {
                    [LambdaAnalyzers.Runtime.LambdaHandler]
                    public T0 Handle(T0 input, Amazon.Lambda.Core.ILambdaContext context) => input;
                }

            """);
        for (var i = 0; i < count; i++)
        {
            source.Append("    public class T").Append(i).Append(" {")
                .Append(" public string Name { get; set; } = \"\"; public int Count { get; set; }")
                .Append(" public T").Append((i + 1) % count).Append("? Next { get; set; }")
                .Append(" public List<T").Append(i * 7 % count).Append("> Items { get; set; } = new();")
                .Append(" public Dictionary<string, T").Append(i * 3 % count).Append("> Map { get; set; } = new();");
            if (i % 10 == 0)
            {
                source.Append(" public Action? Callback { get; set; } public int Legacy;");
            }

            source.Append(" }\n");
        }

        return source.Append("}\n").ToString();
    }
}
