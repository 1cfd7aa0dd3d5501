using System.Text.Json;
using System.Text.Json.Serialization;

namespace FragmentPS.Core.Models
{
    /// <summary>
    /// How the client reads the API's answers: snake_case keys [DOC], read by code generated at build time
    /// (no reflection when a session starts).
    /// </summary>
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(TaskRecord))]
    [JsonSerializable(typeof(CommentRecord))]
    [JsonSerializable(typeof(AccountRecord))]
    [JsonSerializable(typeof(PageMeta))]
    [JsonSerializable(typeof(BatchAnswer))]
    [JsonSerializable(typeof(JsonElement))]
    internal sealed partial class FragmentJsonContext : JsonSerializerContext
    {
    }
}
