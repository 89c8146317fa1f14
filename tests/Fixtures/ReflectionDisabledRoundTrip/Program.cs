using System;
using System.IO;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Amazon.Lambda.Core;

namespace ReflectionDisabledRoundTrip;

/// <summary>
/// Does what the Lambda runtime does with each handler: creates the serializer its
/// [LambdaSerializer] names, reads the event with it, invokes the handler and writes the result with
/// it. Prints one line per handler and exits with the number of failed round trips.
/// </summary>
public static class Program
{
    public static int Main()
    {
        Console.WriteLine($"IsReflectionEnabledByDefault={JsonSerializer.IsReflectionEnabledByDefault}");
        var functions = new Functions();
        var failures = 0;
        failures += RoundTrip<Order, Receipt>(nameof(Functions.Charge), """{"Id":"o-1","Total":12.5,"Items":["book"]}""", functions.Charge);
        failures += RoundTrip<Refund, RefundResult>(nameof(Functions.Refund), """{"OrderId":"o-1","Amount":3}""", functions.Refund);
        return failures;
    }

    private static int RoundTrip<TInput, TOutput>(string handler, string json, Func<TInput, TOutput> invoke)
    {
        var declared = typeof(Functions).GetMethod(handler)!.GetCustomAttribute<LambdaSerializerAttribute>()!;
        var serializer = (ILambdaSerializer)Activator.CreateInstance(declared.SerializerType)!;
        try
        {
            var input = serializer.Deserialize<TInput>(new MemoryStream(Encoding.UTF8.GetBytes(json)));
            using var response = new MemoryStream();
            serializer.Serialize(invoke(input), response);
            Console.WriteLine($"{handler}: OK {Encoding.UTF8.GetString(response.ToArray())}");
            return 0;
        }
        catch (Exception e)
        {
            Console.WriteLine($"{handler}: FAILED {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }
}
