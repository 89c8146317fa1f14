using System.Text.Json;

namespace TodoApi;

internal static class TodoJson
{
    /// <summary>camelCase, as the API's clients expect.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
