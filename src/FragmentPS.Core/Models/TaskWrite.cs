using System;
using System.Text.Json.Nodes;

namespace FragmentPS.Core.Models
{
    /// <summary>
    /// The body of a create or update. Only keys that were set are sent: on PATCH and PUT a present key
    /// replaces, and <c>fields</c> merges key by key.
    /// </summary>
    public sealed class TaskWrite
    {
        public Guid? Uid { get; set; }
        public string? Status { get; set; }
        public DateTimeOffset? DueAt { get; set; }
        public bool? Archived { get; set; }

        /// <summary>Custom and well-known data keys (<c>title</c>, <c>url</c>, ...). A null value is sent as JSON null.</summary>
        public JsonObject Fields { get; } = new JsonObject();

        /// <summary>Other writable top-level keys (queue_uid, assignee_email, ...), sent as given.</summary>
        public JsonObject Other { get; } = new JsonObject();

        public bool IsEmpty => Status == null && DueAt == null && Archived == null && Fields.Count == 0 && Other.Count == 0;

        public JsonObject ToJson(bool includeUid)
        {
            var body = new JsonObject();
            if (includeUid && Uid.HasValue) body["uid"] = Uid.Value.ToString("D");
            if (Status != null) body["status"] = Status;
            if (DueAt.HasValue) body["due_at"] = FragmentJson.FormatDate(DueAt.Value);
            if (Archived.HasValue) body["archived"] = Archived.Value;
            foreach (var pair in Other) body[pair.Key] = pair.Value?.DeepClone();
            if (Fields.Count > 0) body["fields"] = Fields.DeepClone();
            return body;
        }
    }
}
