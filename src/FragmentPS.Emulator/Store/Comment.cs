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

        /// <summary>The answer JSON, made on first use and kept (the comment never changes).</summary>
        public byte[] Json => _json ??= CommentJson.Serialize(this);
    }
}
