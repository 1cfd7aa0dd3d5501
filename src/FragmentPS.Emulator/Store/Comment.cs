using System;
using FragmentPS.Emulator.Json;

namespace FragmentPS.Emulator.Store
{
    /// <summary>A comment on a task; immutable (the API has no comment update or delete).</summary>
    internal sealed class Comment
    {
        private byte[]? _json;

        public Comment(Guid uid, Guid taskUid, string content, DateTime createdAt)
        {
            Uid = uid;
            TaskUid = taskUid;
            Content = content;
            CreatedAt = createdAt;
        }

        public Guid Uid { get; }
        public Guid TaskUid { get; }
        public string Content { get; }
        public DateTime CreatedAt { get; }

        /// <summary><c>{"uid", "task_uid", "content", "author_uid": null, "created_at", "updated_at"}</c>.</summary>
        public byte[] Json => _json ??= JsonBodies.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("uid", Uid);
            w.WriteString("task_uid", TaskUid);
            w.WriteString("content", Content);
            w.WriteNull("author_uid");
            w.WriteString("created_at", IsoDates.ToText(CreatedAt));
            w.WriteString("updated_at", IsoDates.ToText(CreatedAt));
            w.WriteEndObject();
        });
    }
}
