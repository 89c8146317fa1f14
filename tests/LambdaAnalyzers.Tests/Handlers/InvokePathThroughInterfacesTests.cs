using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0202ClientCreatedPerInvoke>>;

namespace LambdaAnalyzers.Tests.Handlers;

/// <summary>
/// The invoke path goes through an interface, abstract or virtual call when the compilation holds the
/// one body it can run (a service injected into the handler through its interface, with a single
/// implementation), and stops when there are several, when the interface is declared in another
/// assembly, or when the interface does not bind. LAM0202 (a client built per invoke) is the witness.
/// </summary>
public sealed class InvokePathThroughInterfacesTests
{
    /// <summary>The handler of the DI-shaped functions: a constructor-injected service called per invoke.</summary>
    private const string InjectedHandler = """
        public class Function
        {
            private readonly IOrderService _orders;

            public Function() : this(new OrderService()) { }

            public Function(IOrderService orders) => _orders = orders;

            [LambdaHandler]
            public Task<string> Handle(ApiRequest request, ILambdaContext context) => {|#1:_orders.PlaceAsync(request.Body)|};
        }

        public interface IOrderService { Task<string> PlaceAsync(string order); }
        """;

    [Fact]
    public Task Follows_an_injected_interface_with_one_implementation() => Verify.VerifyAsync(Function(InjectedHandler + """

        public class OrderService : IOrderService
        {
            public async Task<string> PlaceAsync(string order)
            {
                using var http = {|#0:new HttpClient()|};
                return await http.GetStringAsync("https://example.com/orders/" + order);
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("HttpClient"));

    [Fact]
    public Task Follows_an_interface_implemented_by_an_inherited_method() => Verify.VerifyAsync(Function(InjectedHandler + """

        public class ServiceBase
        {
            public async Task<string> PlaceAsync(string order)
            {
                using var http = {|#0:new HttpClient()|};
                return await http.GetStringAsync("https://example.com/orders/" + order);
            }
        }

        public class OrderService : ServiceBase, IOrderService { }
        """), Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("HttpClient"));

    [Fact]
    public Task Follows_an_abstract_method_with_one_override() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private readonly Notifier _notifier = new EmailNotifier();

            [LambdaHandler]
            public Task Handle(ApiRequest request, ILambdaContext context) => {|#1:_notifier.SendAsync(request.Body)|};
        }

        public abstract class Notifier { public abstract Task SendAsync(string message); }

        public sealed class EmailNotifier : Notifier
        {
            public override async Task SendAsync(string message)
            {
                using var http = {|#0:new HttpClient()|};
                await http.PostAsync("https://example.com/mail", new StringContent(message));
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("HttpClient"));

    [Fact]
    public Task Follows_a_virtual_method_nobody_overrides() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private readonly Notifier _notifier = new Notifier();

            [LambdaHandler]
            public Task Handle(ApiRequest request, ILambdaContext context) => {|#1:_notifier.SendAsync(request.Body)|};
        }

        public class Notifier
        {
            public virtual async Task SendAsync(string message)
            {
                using var http = {|#0:new HttpClient()|};
                await http.PostAsync("https://example.com/mail", new StringContent(message));
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("HttpClient"));

    [Fact]
    public Task Ignores_an_interface_with_two_implementations() => Verify.VerifyAsync(Function(InjectedHandler.Replace("{|#1:", string.Empty).Replace(")|};", ");") + """

        public class OrderService : IOrderService
        {
            public async Task<string> PlaceAsync(string order)
            {
                using var http = new HttpClient();
                return await http.GetStringAsync("https://example.com/orders/" + order);
            }
        }

        // A test double or a second backend: which one runs is decided at run time.
        public class CachedOrderService : IOrderService
        {
            public Task<string> PlaceAsync(string order) => Task.FromResult(order);
        }
        """));

    [Fact]
    public Task Ignores_a_virtual_method_with_an_override() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private readonly Notifier _notifier;

            public Function() : this(new Notifier()) { }

            public Function(Notifier notifier) => _notifier = notifier;

            [LambdaHandler]
            public Task Handle(ApiRequest request, ILambdaContext context) => _notifier.SendAsync(request.Body);
        }

        public class Notifier
        {
            public virtual async Task SendAsync(string message)
            {
                using var http = new HttpClient();
                await http.PostAsync("https://example.com/mail", new StringContent(message));
            }
        }

        public class SilentNotifier : Notifier
        {
            public override Task SendAsync(string message) => Task.CompletedTask;
        }
        """));

    [Fact]
    public Task Ignores_an_interface_declared_in_another_assembly() => new Verify.Test
    {
        // Another library's interface: an implementation outside this compilation may be what runs.
        TestState =
        {
            Sources =
            {
                Function(InjectedHandler.Replace("{|#1:", string.Empty).Replace(")|};", ");").Replace(
                    "public interface IOrderService { Task<string> PlaceAsync(string order); }",
                    "public class OrderService : Shop.Contracts.IOrderService\n{\n    public async Task<string> PlaceAsync(string order)\n    {\n        using var http = new HttpClient();\n        return await http.GetStringAsync(\"https://example.com/orders/\" + order);\n    }\n}").Replace(
                    "IOrderService _orders", "Shop.Contracts.IOrderService _orders").Replace(
                    "Function(IOrderService orders)", "Function(Shop.Contracts.IOrderService orders)")),
            },
            AdditionalReferences =
            {
                Infrastructure.TestReferences.CompileToMetadata(
                    "Shop.Contracts",
                    "namespace Shop.Contracts { public interface IOrderService { System.Threading.Tasks.Task<string> PlaceAsync(string order); } }"),
            },
        },
    }.RunAsync();

    [Fact]
    public Task Ignores_an_interface_that_does_not_bind() => new Verify.Test
    {
        // The contracts package is not restored yet: the field's type and the service's base are error types.
        TestCode = Function("""
            public class Function
            {
                private readonly Shop.Contracts.IOrderService _orders;

                public Function(Shop.Contracts.IOrderService orders) => _orders = orders;

                [LambdaHandler]
                public Task<string> Handle(ApiRequest request, ILambdaContext context) => _orders.PlaceAsync(request.Body);
            }

            public class OrderService : Shop.Contracts.IOrderService
            {
                public async Task<string> PlaceAsync(string order)
                {
                    using var http = new HttpClient();
                    return await http.GetStringAsync("https://example.com/orders/" + order);
                }
            }
            """),
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
