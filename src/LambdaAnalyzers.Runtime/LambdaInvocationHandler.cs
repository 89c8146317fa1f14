using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// Handles one invocation: reads <see cref="LambdaInvocation.Payload"/> and writes the response
/// bytes to <paramref name="response"/> (nothing written: an empty response, as for <c>void</c>
/// handlers). Throwing reports the exception to the Runtime API as a function error.
/// </summary>
/// <param name="invocation">The invocation.</param>
/// <param name="response">Where the serialized response goes.</param>
/// <param name="cancellationToken">Cancelled when the runtime shuts down.</param>
public delegate ValueTask LambdaInvocationHandler(LambdaInvocation invocation, Stream response, CancellationToken cancellationToken);
