using System.Threading.Tasks;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using HandlerSources = LambdaAnalyzers.Tests.Rules.Handlers.HandlerSources;
using VerifySignature = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Handlers.LAM0002RejectedHandlerSignatureAnalyzer>;

namespace LambdaAnalyzers.Tests.KnownTypes;

/// <summary>
/// <see cref="WellKnownTypes"/>: a type name defined in several assemblies resolves as the compiler binds
/// user code, so an internal copy elsewhere does not silence a rule.
/// </summary>
public sealed class WellKnownTypesTests
{
    private const string ContextName = "Amazon.Lambda.Core.ILambdaContext";

    // A vendored internal copy of Lambda's context interface, as some libraries carry to avoid the dependency.
    private const string VendoredCopy = "namespace Amazon.Lambda.Core { internal interface ILambdaContext { string AwsRequestId { get; } } }";

    private static CSharpCompilation Compile(string source, params MetadataReference[] references) =>
        CSharpCompilation.Create("Function", new[] { CSharpSyntaxTree.ParseText(source) }, TestReferences.LambdaProject.AddRange(references));

    [Fact]
    public void An_internal_copy_in_another_assembly_leaves_the_visible_definition_found()
    {
        var compilation = Compile("class C { }", TestReferences.CompileToMetadata("Vendor.Tools", VendoredCopy));

        Assert.Null(compilation.GetTypeByMetadataName(ContextName)); // what the compiler API alone answers
        var found = WellKnownTypes.Find(compilation, ContextName);

        Assert.NotNull(found);
        Assert.Equal("Amazon.Lambda.Core", found!.ContainingAssembly.Name);
    }

    [Fact]
    public void The_compilations_own_definition_wins()
    {
        var compilation = Compile(VendoredCopy);

        Assert.Equal("Function", WellKnownTypes.Find(compilation, ContextName)!.ContainingAssembly.Name);
    }

    [Fact]
    public void Among_several_public_definitions_the_assembly_named_after_the_namespace_wins()
    {
        var publicCopy = VendoredCopy.Replace("internal interface", "public interface", System.StringComparison.Ordinal);
        var compilation = Compile("class C { }", TestReferences.CompileToMetadata("Vendor.Tools", publicCopy));

        Assert.Equal("Amazon.Lambda.Core", WellKnownTypes.Find(compilation, ContextName)!.ContainingAssembly.Name);
    }

    [Fact]
    public void Two_public_definitions_in_unrelated_assemblies_are_ambiguous_and_resolve_to_nothing()
    {
        const string Name = "Shared.Contracts.Order";
        const string Source = "namespace Shared.Contracts { public sealed class Order { } }";
        var compilation = Compile("class C { }", TestReferences.CompileToMetadata("VendorA", Source), TestReferences.CompileToMetadata("VendorB", Source));

        Assert.Null(WellKnownTypes.Find(compilation, Name));
    }

    [Fact]
    public void An_unknown_name_resolves_to_nothing() =>
        Assert.Null(WellKnownTypes.Find(Compile("class C { }"), "Nowhere.To.Be.Found"));

    /// <summary>Without the context type the signature rule cannot tell a context parameter from another, and stays silent.</summary>
    [Fact]
    public Task The_signature_rule_keeps_reporting_when_a_referenced_assembly_carries_an_internal_copy_of_ILambdaContext()
    {
        var test = new VerifySignature.Test
        {
            TestCode = HandlerSources.WithSerializer("""
                public class Function
                {
                    [LambdaHandler]
                    public Task {|#0:ProcessAsync|}(SqsEvent sqsEvent, string tenant) => Task.CompletedTask;
                }
                """),
        };
        test.TestState.AdditionalReferences.Add(TestReferences.CompileToMetadata("Vendor.Tools", VendoredCopy));
        test.ExpectedDiagnostics.Add(VerifySignature.Diagnostic().WithLocation(0).WithArguments("ProcessAsync", "its second parameter is 'string', not ILambdaContext"));
        return test.RunAsync();
    }
}
