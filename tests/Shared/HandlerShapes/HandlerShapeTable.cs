// The handler shapes both halves of the product must judge alike: each [Shape] method is a class-library handler
// (ASSEMBLY::TYPE::METHOD, TYPE being the method's own type) with what the managed .NET runtime does with it at Init
// (docs/platform/handlers.md, "Accepted and rejected handlers" and "Type mapping") and which of our rules reports it.
//
// Compiled twice (kept out of tests/Shared/*.cs, which every test project compiles): into LambdaAnalyzers.Shim.Tests, whose test binds every row with the shim's class-library host
// (src/LambdaAnalyzers.Shim/ClassLibraryHost/HandlerBinding.cs), and by LambdaAnalyzers.Tests with Roslyn, whose test
// evaluates every row with HandlerShape (src/LambdaAnalyzers/Handlers/HandlerShape.cs) and runs the runtime-shape
// rules over it. A row either side judges differently fails a test: build-time and run-time verdicts cannot drift.
#pragma warning disable CS1998, CA1822, CA1052, CA1012, CA1000, CA1040, CA1034, CA2252, CA1720, CA1801, IDE0060, IDE0051

using System;
using System.IO;
using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Json = Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer;

namespace HandlerShapes
{
    /// <summary>What the managed runtime does with a handler during Init.</summary>
    public enum Verdict
    {
        /// <summary>Init succeeds and invokes call the method.</summary>
        Accepted,

        /// <summary>Init fails (a validation error, or the instance cannot be created).</summary>
        Rejected,
    }

    /// <summary>
    /// One row: the runtime's verdict, why, and the rules of ours that report the handler (none for a clean one).
    /// For accepted rows also the type the runtime deserializes the payload into (<see cref="Input"/>, null for none)
    /// and the type it writes to the response (<see cref="Output"/>, <c>void</c> for none).
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class ShapeAttribute : Attribute
    {
        public ShapeAttribute(Verdict verdict, string why, params string[] rules)
        {
            Verdict = verdict;
            Why = why;
            Rules = rules;
        }

        public Verdict Verdict { get; }

        public string Why { get; }

        public string[] Rules { get; }

        public Type? Input { get; set; }

        public Type? Output { get; set; }
    }

    public sealed class Receipt
    {
        public string? Id { get; set; }
    }

    public class Handlers
    {
        [Shape(Verdict.Accepted, "no parameter and no result", Output = typeof(void))]
        public void Nothing()
        {
        }

        [Shape(Verdict.Accepted, "a Stream input is the raw payload, a Stream result is copied: no serializer", Input = typeof(Stream), Output = typeof(Stream))]
        public Stream Raw(Stream input) => input;

        [Shape(Verdict.Accepted, "a Task is awaited and writes nothing", Input = typeof(Stream), Output = typeof(void))]
        public static Task Done(Stream input) => Task.CompletedTask;

        [Shape(Verdict.Accepted, "a Task<T> is awaited and T serialized", Input = typeof(string), Output = typeof(string))]
        [LambdaSerializer(typeof(Json))]
        public Task<string> Upper(string input) => Task.FromResult(input.ToUpperInvariant());

        [Shape(Verdict.Accepted, "a single ILambdaContext parameter is the context, not an input", Output = typeof(void))]
        public void ContextOnly(ILambdaContext context)
        {
        }

        [Shape(Verdict.Accepted, "the input, then ILambdaContext", Input = typeof(string), Output = typeof(Receipt))]
        [LambdaSerializer(typeof(Json))]
        public Receipt WithContext(string input, ILambdaContext context) => new() { Id = input };

        [Shape(Verdict.Accepted, "a subclass of Stream is copied to the response like a Stream", Input = typeof(Stream), Output = typeof(MemoryStream))]
        public MemoryStream Buffer(Stream input) => new();

        [Shape(Verdict.Accepted, "a Task of a Stream is awaited and the stream copied", Input = typeof(Stream), Output = typeof(MemoryStream))]
        public Task<MemoryStream> Later(Stream input) => Task.FromResult(new MemoryStream());

        [Shape(Verdict.Accepted, "any accessibility: the runtime finds private methods", Input = typeof(Stream), Output = typeof(Stream))]
        private Stream Hidden(Stream input) => input;

        [Shape(Verdict.Accepted, "a value type result is serialized", Input = typeof(Stream), Output = typeof(int))]
        [LambdaSerializer(typeof(Json))]
        public int Count(Stream input) => 1;

        [Shape(Verdict.Accepted, "loads, but the ValueTask is written as a value, never awaited", "LAM0008", Input = typeof(string), Output = typeof(ValueTask<string>))]
        [LambdaSerializer(typeof(Json))]
        public ValueTask<string> Pending(string input) => new(input);

        [Shape(Verdict.Rejected, "more than two parameters", "LAM0002")]
        public Stream TooMany(Stream input, ILambdaContext context, string extra) => input;

        [Shape(Verdict.Rejected, "the second of two parameters must be ILambdaContext", "LAM0002")]
        public Stream NotContext(Stream input, string extra) => input;

        [Shape(Verdict.Rejected, "params parameters are not supported", "LAM0002")]
        public Stream Many(params string[] inputs) => Stream.Null;

        [Shape(Verdict.Rejected, "generic methods are not supported", "LAM0002")]
        public T Echo<T>(T input) => input;

        [Shape(Verdict.Rejected, "async void: nothing could await the work", "LAM0003")]
        public async void Fire(Stream input) => await Task.Yield();

        [Shape(Verdict.Rejected, "a string result needs a serializer and none is declared", "LAM0006")]
        public string Untyped(Stream input) => "ok";

        [Shape(Verdict.Rejected, "a string input needs a serializer and none is declared", "LAM0006")]
        public void Typed(string input)
        {
        }

        [Shape(Verdict.Rejected, "only exactly Stream is the raw payload: a MemoryStream input needs a serializer", "LAM0006")]
        public void Buffered(MemoryStream input)
        {
        }

        [Shape(Verdict.Rejected, "the first of two parameters is the input, even an ILambdaContext, and needs a serializer", "LAM0006")]
        public void Contexts(ILambdaContext first, ILambdaContext second)
        {
        }

        [Shape(Verdict.Rejected, "a ValueTask is a value to serialize and none is declared", "LAM0008")]
        public ValueTask Waiting(Stream input) => default;

        [Shape(Verdict.Rejected, "a ValueTask of a Stream is not a Stream: it needs a serializer", "LAM0008")]
        public ValueTask<Stream> StreamLater(Stream input) => new(input);
    }

    public class GenericHandler<T>
    {
        [Shape(Verdict.Rejected, "generic types are rejected even for static handlers", "LAM0005")]
        public static Stream Handle(Stream input) => input;
    }

    public class Outer<T>
    {
        public class Inner
        {
            [Shape(Verdict.Rejected, "a type nested in a generic type is generic too", "LAM0005")]
            public static Stream Handle(Stream input) => input;
        }
    }

    public abstract class AbstractInstance
    {
        [Shape(Verdict.Rejected, "the runtime cannot create an abstract type for an instance handler", "LAM0005")]
        public Stream Handle(Stream input) => input;
    }

    public abstract class AbstractStatic
    {
        [Shape(Verdict.Accepted, "a static handler needs no instance", Input = typeof(Stream), Output = typeof(Stream))]
        public static Stream Handle(Stream input) => input;
    }

    public abstract class AbstractMethod
    {
        [Shape(Verdict.Rejected, "an abstract method has no body to call", "LAM0002", "LAM0005")]
        public abstract Stream Handle(Stream input);
    }

    public class NeedsArgument
    {
        public NeedsArgument(int seed)
        {
        }

        [Shape(Verdict.Rejected, "no public parameterless constructor to create the instance with", "LAM0005")]
        public Stream Handle(Stream input) => input;
    }

    public class InternalConstructor
    {
        internal InternalConstructor()
        {
        }

        [Shape(Verdict.Rejected, "the runtime creates the instance with a public parameterless constructor only", "LAM0005")]
        public Stream Handle(Stream input) => input;
    }

    public struct ValueHandler
    {
        [Shape(Verdict.Accepted, "a struct always has a parameterless constructor", Input = typeof(Stream), Output = typeof(Stream))]
        public Stream Handle(Stream input) => input;
    }

    public static class StaticHandlers
    {
        [Shape(Verdict.Accepted, "a static class with a static handler", Input = typeof(Stream), Output = typeof(Stream))]
        public static Stream Handle(Stream input) => input;
    }

    public interface IShapeHandler
    {
        [Shape(Verdict.Rejected, "an interface is not a class or a struct", "LAM0005")]
        Stream Handle(Stream input) => input;
    }
}
