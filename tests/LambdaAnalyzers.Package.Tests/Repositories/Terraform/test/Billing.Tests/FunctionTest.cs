using System.Text;

namespace Billing.Tests;

public class FunctionTest
{
    /// <summary>Calls the handler directly, as a unit test does.</summary>
    public static string Echo(string text)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(text));
        using var output = new Billing.Function().Charge(input, null!);
        return new StreamReader(output).ReadToEnd();
    }
}
