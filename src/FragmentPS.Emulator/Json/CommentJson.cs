using System;
using FragmentPS.Emulator.Store;

namespace FragmentPS.Emulator.Json
{
    /// <summary>A comment as the API answers it: <c>{"uid", "task_uid", "content", "author_uid": null, "created_at", "updated_at"}</c>.</summary>
    internal static class CommentJson
    {
        public static byte[] Serialize(Comment comment) => JsonBodies.Serialize(new
        {
            comment.Uid,
            comment.TaskUid,
            comment.Content,
            AuthorUid = (Guid?)null,
            CreatedAt = IsoDates.ToText(comment.CreatedAt),
            UpdatedAt = IsoDates.ToText(comment.CreatedAt),
        });
    }
}
