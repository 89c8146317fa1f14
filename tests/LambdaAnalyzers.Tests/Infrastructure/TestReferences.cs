using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace LambdaAnalyzers.Tests.Infrastructure;

/// <summary>
/// What test sources compile against: the .NET 10 reference assemblies (the AWS SDK assemblies the tests load are its net8.0+ builds, which need them) shipped inside the
/// Basic.Reference.Assemblies package (no download at test time) plus the libraries Lambda code
/// uses (the AWS SDK, the Amazon.Lambda stand-ins).
/// </summary>
internal static class TestReferences
{
    /// <summary>An empty reference set: the assemblies themselves come from <see cref="Framework"/>.</summary>
    public static ReferenceAssemblies Empty { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> Framework { get; } =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().ToImmutableArray();

    /// <summary>AWSSDK.Core and AWSSDK.S3, as a Lambda project referencing the S3 client has them.</summary>
    public static ImmutableArray<MetadataReference> AwsSdk { get; } = ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(typeof(Amazon.Runtime.AWSCredentials).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Amazon.S3.AmazonS3Client).Assembly.Location));

    /// <summary>
    /// The Amazon.Lambda stand-ins (Core, both serializers, RuntimeSupport, Annotations) and our
    /// LambdaAnalyzers.Runtime (the <c>[LambdaHandler]</c> attribute).
    /// </summary>
    public static ImmutableArray<MetadataReference> Lambda { get; } = ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(typeof(Amazon.Lambda.Core.ILambdaContext).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Amazon.Lambda.Serialization.Json.JsonSerializer).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Amazon.Lambda.RuntimeSupport.LambdaBootstrapBuilder).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Amazon.Lambda.Annotations.LambdaFunctionAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(LambdaAnalyzers.Runtime.LambdaHandlerAttribute).Assembly.Location));

    /// <summary>Everything a typical Lambda project compiles against.</summary>
    public static ImmutableArray<MetadataReference> LambdaProject { get; } = Framework.AddRange(AwsSdk).AddRange(Lambda);

    /// <summary>
    /// <paramref name="source"/> compiled into an assembly image, referenced as a package's DLL is:
    /// from metadata, so only its public and protected members are visible to analyzers.
    /// </summary>
    public static MetadataReference CompileToMetadata(string assemblyName, string source)
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            assemblyName,
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source) },
            LambdaProject,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new System.IO.MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new System.InvalidOperationException(string.Join("\n", result.Diagnostics));
        }

        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
