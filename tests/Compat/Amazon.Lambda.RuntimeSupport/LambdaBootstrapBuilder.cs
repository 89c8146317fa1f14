using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.RuntimeSupport;

/// <summary>
/// Entry point of executable-assembly functions: one <c>Create</c> per handler shape. Typed inputs or
/// outputs need a serializer; raw <see cref="Stream"/>s, <see cref="ILambdaContext"/> and no value do not.
/// </summary>
public class LambdaBootstrapBuilder
{
    private readonly HandlerWrapper _handlerWrapper;
    private HttpClient _httpClient;
    private LambdaBootstrapInitializer _initializer;

    private LambdaBootstrapBuilder(HandlerWrapper handlerWrapper)
    {
        _handlerWrapper = handlerWrapper;
    }

    public static LambdaBootstrapBuilder Create(Action<Stream, ILambdaContext, MemoryStream> handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create(Func<Task> handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create(Func<Stream, Task> handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create<TInput>(Func<TInput, Task> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TInput>(handler, serializer));

    public static LambdaBootstrapBuilder Create(Func<ILambdaContext, Task> handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create(Func<Stream, ILambdaContext, Task> handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create<TInput>(Func<TInput, ILambdaContext, Task> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TInput>(handler, serializer));

    public static LambdaBootstrapBuilder Create(Func<Task<Stream>> handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create(Func<Stream, Task<Stream>> handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create<TInput>(Func<TInput, Task<Stream>> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TInput>(handler, serializer));

    public static LambdaBootstrapBuilder Create(Func<ILambdaContext, Task<Stream>> handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create(Func<Stream, ILambdaContext, Task<Stream>> handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create<TInput>(Func<TInput, ILambdaContext, Task<Stream>> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TInput>(handler, serializer));

    public static LambdaBootstrapBuilder Create<TOutput>(Func<Task<TOutput>> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TOutput>(handler, serializer));

    public static LambdaBootstrapBuilder Create<TOutput>(Func<Stream, Task<TOutput>> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TOutput>(handler, serializer));

    public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, Task<TOutput>> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TInput, TOutput>(handler, serializer));

    public static LambdaBootstrapBuilder Create<TOutput>(Func<ILambdaContext, Task<TOutput>> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TOutput>(handler, serializer));

    public static LambdaBootstrapBuilder Create<TOutput>(Func<Stream, ILambdaContext, Task<TOutput>> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TOutput>(handler, serializer));

    public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, ILambdaContext, Task<TOutput>> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TInput, TOutput>(handler, serializer));

    public static LambdaBootstrapBuilder Create(Action handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create(Action<Stream> handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create<TInput>(Action<TInput> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TInput>(handler, serializer));

    public static LambdaBootstrapBuilder Create(Action<ILambdaContext> handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create(Action<Stream, ILambdaContext> handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create<TInput>(Action<TInput, ILambdaContext> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TInput>(handler, serializer));

    public static LambdaBootstrapBuilder Create(Func<Stream> handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create(Func<Stream, Stream> handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create<TInput>(Func<TInput, Stream> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TInput>(handler, serializer));

    public static LambdaBootstrapBuilder Create(Func<ILambdaContext, Stream> handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create(Func<Stream, ILambdaContext, Stream> handler) =>
        new(HandlerWrapper.GetHandlerWrapper(handler));

    public static LambdaBootstrapBuilder Create<TInput>(Func<TInput, ILambdaContext, Stream> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TInput>(handler, serializer));

    public static LambdaBootstrapBuilder Create<TOutput>(Func<TOutput> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TOutput>(handler, serializer));

    public static LambdaBootstrapBuilder Create<TOutput>(Func<Stream, TOutput> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TOutput>(handler, serializer));

    public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, TOutput> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TInput, TOutput>(handler, serializer));

    public static LambdaBootstrapBuilder Create<TOutput>(Func<ILambdaContext, TOutput> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TOutput>(handler, serializer));

    public static LambdaBootstrapBuilder Create<TOutput>(Func<Stream, ILambdaContext, TOutput> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TOutput>(handler, serializer));

    public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, ILambdaContext, TOutput> handler, ILambdaSerializer serializer) =>
        new(HandlerWrapper.GetHandlerWrapper<TInput, TOutput>(handler, serializer));

    public LambdaBootstrapBuilder UseHttpClient(HttpClient httpClient)
    {
        _httpClient = httpClient;
        return this;
    }

    public LambdaBootstrapBuilder UseBootstrapHandler(LambdaBootstrapInitializer lambdaBootstrapInitializer)
    {
        _initializer = lambdaBootstrapInitializer;
        return this;
    }

    public LambdaBootstrap Build() => _httpClient is null
        ? new LambdaBootstrap(_handlerWrapper, _initializer)
        : new LambdaBootstrap(_httpClient, _handlerWrapper, _initializer);
}
