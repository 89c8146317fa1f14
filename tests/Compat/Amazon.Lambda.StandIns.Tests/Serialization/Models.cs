using System;
using System.IO;
using System.Text.Json.Serialization;
using Amazon.Runtime;

namespace Amazon.Lambda.StandIns.Tests.Serialization;

// Small payload types for the serializer tests.

public sealed class Order
{
    public string? OrderId { get; set; }

    public int LineCount { get; set; }

    public string? Note { get; set; }
}

/// <summary>The S3 response-element names that no casing rule produces.</summary>
public sealed class S3ResponseElements
{
    public string? XAmzRequestId { get; set; }

    public string? XAmzId2 { get; set; }
}

public sealed class Timed
{
    public DateTime At { get; set; }
}

public sealed class Blob
{
    public MemoryStream? Payload { get; set; }
}

public sealed class Bytes
{
    public byte[]? Data { get; set; }
}

public sealed class Membership
{
    public Tier? Tier { get; set; }
}

public sealed class Tier : ConstantClass
{
    public static readonly Tier Gold = new("GOLD");

    public Tier(string value)
        : base(value)
    {
    }
}

public sealed class Exploding
{
    public string Value => throw new InvalidOperationException("getter failed");
}

[JsonSerializable(typeof(Order))]
internal sealed partial class OrderJsonContext : JsonSerializerContext
{
}
