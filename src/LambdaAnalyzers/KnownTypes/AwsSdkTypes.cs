using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.KnownTypes;

/// <summary>
/// AWS SDK for .NET types (AWSSDK.Core), found by metadata name once per compilation. Any of them
/// may be null: a project that does not reference the SDK gets no SDK-based findings.
/// </summary>
internal sealed class AwsSdkTypes
{
    internal AwsSdkTypes(Compilation compilation)
    {
        AWSCredentials = WellKnownTypes.Find(compilation, "Amazon.Runtime.AWSCredentials");
        ImmutableCredentials = WellKnownTypes.Find(compilation, "Amazon.Runtime.ImmutableCredentials");
        AmazonServiceClient = WellKnownTypes.Find(compilation, "Amazon.Runtime.AmazonServiceClient");
    }

    public INamedTypeSymbol? AWSCredentials { get; }

    public INamedTypeSymbol? ImmutableCredentials { get; }

    public INamedTypeSymbol? AmazonServiceClient { get; }

    /// <summary>The compilation can name a credentials or client type: without one, no creation can be of such a type.</summary>
    public bool HasCredentialTakers => AWSCredentials is not null || ImmutableCredentials is not null || AmazonServiceClient is not null;

    /// <summary>A credentials object: a subclass of <c>AWSCredentials</c>, or <c>ImmutableCredentials</c>.</summary>
    public bool IsCredentials(ITypeSymbol? type) =>
        TypeChecks.InheritsFrom(type, AWSCredentials) || TypeChecks.Is(type, ImmutableCredentials);

    /// <summary>A service client: a subclass of <c>AmazonServiceClient</c> (AmazonS3Client, AmazonSQSClient, ...).</summary>
    public bool IsServiceClient(ITypeSymbol? type) => TypeChecks.InheritsFrom(type, AmazonServiceClient);
}
