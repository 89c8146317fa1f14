using System;

namespace Amazon.Lambda.Annotations;

/// <summary>Marks a method as a Lambda function; the Annotations generator writes its handler wrapper.</summary>
[AttributeUsage(AttributeTargets.Method)]
public class LambdaFunctionAttribute : Attribute
{
    public string ResourceName { get; set; }

    public uint Timeout { get; set; }

    public uint MemorySize { get; set; }

    public string Role { get; set; }

    public string Policies { get; set; }

    public LambdaPackageType PackageType { get; set; }
}
