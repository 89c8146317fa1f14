using System.Text.Encodings.Web;
using System.Text.Json;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// JSON as the Lambda service writes it in error bodies and event-stream messages: quotes, apostrophes, <c>&lt;</c>,
/// <c>&gt;</c>, <c>&amp;</c> and non-ASCII text stay as they are (System.Text.Json's default would write an apostrophe
/// as <c>\u0027</c>); only what JSON itself requires is escaped. These bodies are read by SDKs, never embedded in HTML.
/// </summary>
internal static class PlainJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
