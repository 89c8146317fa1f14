using System.Threading.Tasks;
using static LambdaAnalyzers.Tests.RealWorld.RealWorldProject;
using static LambdaAnalyzers.Tests.RealWorld.RealWorldSources;

namespace LambdaAnalyzers.Tests.RealWorld;

/// <summary>
/// Amazon.Lambda.Annotations functions: <c>[LambdaFunction]</c> methods whose deployed handler is
/// the wrapper Annotations generates, with services injected from <c>[LambdaStartup]</c>.
/// </summary>
public sealed class AnnotationsTests
{
    [Fact]
    public Task Annotated_function_with_a_typed_http_client_from_services_is_not_reported() => Library("/repo/src/Facts/", Source(SystemTextJson, """
        namespace Facts
        {
            public class FactClient
            {
                private readonly HttpClient _http;

                public FactClient(HttpClient http) => _http = http;

                public Task<string> RandomAsync(CancellationToken cancellationToken) => _http.GetStringAsync("facts/random", cancellationToken);
            }

            public class Function
            {
                [Amazon.Lambda.Annotations.LambdaFunction]
                public async Task<string> Latest(ILambdaContext context, [Amazon.Lambda.Annotations.FromServices] FactClient client)
                {
                    using var timeout = new CancellationTokenSource(context.RemainingTime);
                    return await client.RandomAsync(timeout.Token);
                }
            }
        }
        """)).VerifyAsync();

    [Fact]
    public Task Tools_defaults_naming_the_annotated_method_instead_of_its_generated_wrapper_is_rejected() => Library("/repo/src/Maths/", Source(SystemTextJson, """
        namespace Maths
        {
            public class Calculator
            {
                [Amazon.Lambda.Annotations.LambdaFunction]
                public int {|LAM0002:Multiply|}(int left, int right) => left * right;
            }
        }
        """))
        .WithFile("/repo/src/Maths/aws-lambda-tools-defaults.json", ToolsDefaults("TestProject::Maths.Calculator::Multiply"))
        .VerifyAsync();
}
