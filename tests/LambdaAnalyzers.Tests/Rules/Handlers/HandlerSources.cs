namespace LambdaAnalyzers.Tests.Rules.Handlers;

/// <summary>Source snippets shared by the handler rule tests.</summary>
internal static class HandlerSources
{
    public const string Usings = """
        using System;
        using System.IO;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Amazon.Lambda.Core;
        using LambdaAnalyzers.Runtime;

        """;

    /// <summary>The assembly-level serializer most class-library functions declare.</summary>
    public const string AssemblySerializer = """
        [assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

        """;

    public const string Events = """
        public class Order { public string Id { get; set; } = ""; public decimal Total { get; set; } }
        public class Receipt { public string OrderId { get; set; } = ""; }
        public class SqsEvent { public List<SqsMessage> Records { get; set; } = new(); }
        public class SqsMessage { public string Body { get; set; } = ""; }

        """;

    /// <summary>A class-library project with an assembly serializer, the event types and <paramref name="code"/>.</summary>
    public static string WithSerializer(string code) => Usings + AssemblySerializer + Events + code;

    /// <summary>The same without any <c>[LambdaSerializer]</c>.</summary>
    public static string WithoutSerializer(string code) => Usings + Events + code;
}
