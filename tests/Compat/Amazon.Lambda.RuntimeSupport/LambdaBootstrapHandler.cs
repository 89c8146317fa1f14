using System.Threading.Tasks;

namespace Amazon.Lambda.RuntimeSupport;

public delegate Task<InvocationResponse> LambdaBootstrapHandler(InvocationRequest invocation);
