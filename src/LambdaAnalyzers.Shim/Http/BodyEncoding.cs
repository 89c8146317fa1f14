using System;
using System.Collections.Generic;
using System.Linq;

namespace LambdaAnalyzers.Shim.Http;

/// <summary>
/// Which request bodies each front end passes as text and which it base64-encodes (<c>isBase64Encoded</c>), by
/// content type (docs/platform/http-events.md, "Binary bodies").
/// </summary>
internal static class BodyEncoding
{
    /// <summary>True when the front end of <paramref name="format"/> base64-encodes a body of <paramref name="contentType"/>.</summary>
    public static bool IsBinary(HttpEventFormat format, string? contentType, IReadOnlyList<string> binaryMediaTypes)
    {
        var mediaType = MediaType(contentType);
        return format switch
        {
            // A REST API treats only its configured binary media types as binary.
            HttpEventFormat.RestApi => mediaType is not null && binaryMediaTypes.Any(pattern => Matches(pattern, mediaType)),
            // The load balancer passes these four families as text.
            HttpEventFormat.Alb or HttpEventFormat.AlbMultiValueHeaders =>
                mediaType is null || !(mediaType.StartsWith("text/", StringComparison.Ordinal) || mediaType is "application/json" or "application/javascript" or "application/xml"),
            // HTTP APIs and function URLs pass text/* and JSON as text, everything else base64-encoded.
            _ => mediaType is null || !(mediaType.StartsWith("text/", StringComparison.Ordinal) || mediaType == "application/json"),
        };
    }

    /// <summary>The media type without parameters, lowercase; null when absent.</summary>
    public static string? MediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';');
        return (semicolon >= 0 ? contentType.Substring(0, semicolon) : contentType).Trim().ToLowerInvariant();
    }

    /// <summary>A binary media type pattern (<c>image/png</c>, <c>image/*</c>, <c>*/*</c>) against a media type.</summary>
    public static bool Matches(string pattern, string mediaType)
    {
        var p = pattern.Trim().ToLowerInvariant();
        if (p == "*/*")
        {
            return true;
        }

        return p.EndsWith("/*", StringComparison.Ordinal)
            ? mediaType.StartsWith(p.Substring(0, p.Length - 1), StringComparison.Ordinal)
            : p == mediaType;
    }
}
