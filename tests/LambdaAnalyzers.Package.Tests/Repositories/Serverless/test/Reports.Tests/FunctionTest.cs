using System.Text;

namespace Reports.Tests;

public class FunctionTest
{
    /// <summary>Calls the handler directly, as a unit test does.</summary>
    public static string Echo(string text)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(text));
        using var output = new Reports.Function().Run(input, null!);
        return new StreamReader(output).ReadToEnd();
    }
}
