using System.Text.Json;

namespace Amazon.Lambda.Serialization.SystemTextJson;

/// <summary>
/// Keeps .NET names (or applies the fallback policy), except for S3 response element names that no
/// casing rule produces.
/// </summary>
public class AwsNamingPolicy : JsonNamingPolicy
{
    private readonly JsonNamingPolicy _fallbackNamingPolicy;

    public AwsNamingPolicy()
        : this(null)
    {
    }

    public AwsNamingPolicy(JsonNamingPolicy fallbackNamingPolicy)
    {
        _fallbackNamingPolicy = fallbackNamingPolicy;
    }

    public override string ConvertName(string name) => name switch
    {
        "XAmzId2" => "x-amz-id-2",
        "XAmzRequestId" => "x-amz-request-id",
        _ => _fallbackNamingPolicy is null ? name : _fallbackNamingPolicy.ConvertName(name),
    };
}
