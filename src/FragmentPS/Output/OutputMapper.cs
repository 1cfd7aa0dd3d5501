using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using FragmentPS.Core.Models;
using FragmentPS.Internal;

namespace FragmentPS
{
    /// <summary>Turns Core's records into the objects users see.</summary>
    internal static class OutputMapper
    {
        public static FragmentTask ToTask(TaskRecord record) => new FragmentTask(record);

        public static FragmentComment ToComment(CommentRecord record)
        {
            var comment = new FragmentComment
            {
                Uid = record.Uid,
                TaskUid = record.TaskUid,
                Content = record.Content,
                AuthorUid = record.AuthorUid,
                CreatedAt = record.CreatedAt,
                UpdatedAt = record.UpdatedAt,
            };
            Fill(comment.AdditionalProperties, record.Extra);
            return comment;
        }

        /// <summary>JSON values as a table of PowerShell values (empty for none).</summary>
        public static FragmentValueTable ToTable(Dictionary<string, JsonElement>? values)
        {
            var table = new FragmentValueTable();
            Fill(table, values);
            return table;
        }

        private static void Fill(FragmentValueTable table, Dictionary<string, JsonElement>? values)
        {
            if (values == null) return;
            foreach (var pair in values) table[pair.Key] = PSJson.FromElement(pair.Value);
        }
    }
}
