using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Amazon.Lambda.Core;
using Xunit;

namespace Amazon.Lambda.StandIns.Tests.Core;

public class SurfaceTests
{
    // The types the stand-in must have member for member (docs/architecture.md, "Amazon.Lambda.* by name").
    private static readonly HashSet<string> StoodIn = new(StringComparer.Ordinal)
    {
        "Amazon.Lambda.Core.IClientApplication",
        "Amazon.Lambda.Core.IClientContext",
        "Amazon.Lambda.Core.ICognitoIdentity",
        "Amazon.Lambda.Core.ILambdaContext",
        "Amazon.Lambda.Core.ILambdaLogger",
        "Amazon.Lambda.Core.ILambdaSerializer",
        "Amazon.Lambda.Core.LambdaLogger",
        "Amazon.Lambda.Core.LambdaSerializerAttribute",
        "Amazon.Lambda.Core.LogLevel",
    };

    [Fact]
    public void Core_net8_surface_matches_the_documented_surface()
    {
        var assembly = typeof(ILambdaContext).Assembly;

#if AMAZON_LAMBDA_PACKAGES
        // The real package has more types (response streaming, SnapStart hooks, ...): check only ours.
        AssertSurface("Amazon.Lambda.Core.surface.txt", SurfaceWriter.Describe(assembly, t => StoodIn.Contains(t.FullName!)));
#else
        AssertSurface("Amazon.Lambda.Core.surface.txt", SurfaceWriter.Describe(assembly));
#endif
    }

#if !AMAZON_LAMBDA_PACKAGES
    [Fact]
    public void Core_netstandard20_surface_has_no_default_interface_members()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "netstandard2.0", "Amazon.Lambda.Core.dll");
        var context = new AssemblyLoadContext("Amazon.Lambda.Core netstandard2.0", isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(path);
            AssertSurface("Amazon.Lambda.Core.netstandard2.0.surface.txt", SurfaceWriter.Describe(assembly));
        }
        finally
        {
            context.Unload();
        }
    }
#endif

    [Fact]
    public void Core_has_every_stood_in_type()
    {
        var exported = typeof(ILambdaContext).Assembly.GetExportedTypes().Select(t => t.FullName!).ToHashSet();

        Assert.Empty(StoodIn.Except(exported));
    }

    private static void AssertSurface(string goldenFile, IReadOnlyList<string> actual)
    {
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Golden", goldenFile))
            .Where(line => line.Length > 0)
            .ToList();

        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0 && expected.SequenceEqual(actual),
            $"Surface differs from Golden/{goldenFile}.{Environment.NewLine}" +
            $"Missing:{Environment.NewLine}{string.Join(Environment.NewLine, missing)}{Environment.NewLine}" +
            $"Extra:{Environment.NewLine}{string.Join(Environment.NewLine, extra)}{Environment.NewLine}" +
            $"Actual:{Environment.NewLine}{string.Join(Environment.NewLine, actual)}");
    }
}
