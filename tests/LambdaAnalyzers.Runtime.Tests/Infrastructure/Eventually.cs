using System;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Runtime.Tests;

/// <summary>Waits for a condition another thread makes true (an event reaching the function), up to a generous limit.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The condition did not become true within 10 s.");
    }
}
