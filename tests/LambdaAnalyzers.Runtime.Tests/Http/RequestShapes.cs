using System;
using System.Text.RegularExpressions;

namespace LambdaAnalyzers.Runtime.Tests.Http;

/// <summary>The request every format's conformance test sends, and checks shared by several formats.</summary>
internal static class RequestShapes
{
    /// <summary>Repeated query keys, an encoded space, a key without a value.</summary>
    public const string Query = "tag=a&tag=b&q=x%20y&flag";

    /// <summary>A repeated header, two cookies in one header, a user agent.</summary>
    public static readonly (string, string)[] Headers =
    {
        ("X-Multi", "1"),
        ("X-Multi", "2"),
        ("Cookie", "a=1; b=2"),
        ("User-Agent", "curl/8.0"),
    };

    public static readonly byte[] Binary = { 0, 1, 2, 255, 254 };

    /// <summary><c>12/Mar/2020:19:03:58 +0000</c>.</summary>
    public static void AssertRequestTime(string? value) =>
        Assert.Matches(new Regex(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$"), value ?? string.Empty);

    public static void AssertRecentEpoch(long milliseconds, DateTimeOffset before) =>
        Assert.InRange(milliseconds, before.ToUnixTimeMilliseconds() - 1000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000);
}
