using FragmentPS.Emulator.Store;

namespace FragmentPS.Emulator.Json
{
    /// <summary>A comment as the API answers it: <c>{"uid", "task_uid", "content", "author_uid": null, "created_at", "updated_at"}</c>.</summary>
    internal static class CommentJson
    {
        public static byte[] Serialize(Comment comment) => JsonBodies.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("uid", comment.Uid);
            w.WriteString("task_uid", comment.TaskUid);
            w.WriteString("content", comment.Content);
            w.WriteNull("author_uid");
            w.WriteString("created_at", IsoDates.ToText(comment.CreatedAt));
            w.WriteString("updated_at", IsoDates.ToText(comment.CreatedAt));
            w.WriteEndObject();
        });
    }
}
