using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Amazon.Lambda.Core;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace ClassLibFunction;

public sealed class Person
{
    public string? Name { get; set; }
}

public sealed class Greeting
{
    public string? Message { get; set; }

    public string? RequestId { get; set; }

    public string? FunctionName { get; set; }

    public int MemoryLimitInMB { get; set; }

    public bool HasTimeLeft { get; set; }

    public string? ClientCustom { get; set; }
}

public class Functions
{
    private static int _constructed;

    public Functions() => _constructed++;

    public Greeting Greet(Person person, ILambdaContext context)
    {
        context.Logger.LogLine($"greeting {person.Name}");
        string? custom = null;
        context.ClientContext?.Custom?.TryGetValue("k", out custom);
        return new Greeting
        {
            Message = $"Hello {person.Name}",
            RequestId = context.AwsRequestId,
            FunctionName = context.FunctionName,
            MemoryLimitInMB = context.MemoryLimitInMB,
            HasTimeLeft = context.RemainingTime > TimeSpan.Zero,
            ClientCustom = custom,
        };
    }

    public static async Task<string> Upper(string text)
    {
        await Task.Yield();
        return text.ToUpperInvariant();
    }

    public Stream Raw(Stream input)
    {
        var copy = new MemoryStream();
        input.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    public void Fail() => throw new InvalidOperationException("class library failure");

    public int Constructed() => _constructed;

    /// <summary>Every kind of ILambdaLogger call the managed runtime formats.</summary>
    public string LogTemplates(ILambdaContext context)
    {
        var logger = context.Logger;
        logger.LogInformation("order {Id} for {Customer}", 42, "ada");
        logger.LogWarning("missing {One} {Two}", 1);
        logger.LogDebug("debug {Hidden}", 1);
        logger.Log("Error", "as given {NotFilled}");
        logger.LogError(new InvalidOperationException("bad"), "failed {Id}", 7);
        logger.Log(LogLevel.Critical, "{@Order} {1}", new Dictionary<string, int> { ["espresso"] = 2 }, "x");
        logger.LogLine("line {Kept}");
        return "logged";
    }

    public void FailDeep() => Deeper();

    public async Task FailAsync()
    {
        await Task.Yield();
        Deeper();
    }

    private static void Deeper() => throw new InvalidOperationException("deep failure");

    public string Overloaded(string s) => s;

    public string Overloaded(int i) => i.ToString();
}
