using System.Text;

namespace Orders.Tests;

public class FunctionTest
{
    /// <summary>Calls the handler directly, as a unit test does.</summary>
    public static string Echo(string text)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(text));
        using var output = new Orders.Function().Handle(input, null!);
        return new StreamReader(output).ReadToEnd();
    }
}
