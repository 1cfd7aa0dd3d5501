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
        private static readonly HashSet<string> TaskPropertyNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        static OutputMapper()
        {
            foreach (var p in typeof(FragmentTask).GetProperties()) TaskPropertyNames.Add(p.Name);
        }

        public static FragmentTask ToTask(TaskRecord record)
        {
            var task = new FragmentTask
            {
                Uid = record.Uid,
                Status = record.Status,
                DueAt = record.DueAt,
                CreatedAt = record.CreatedAt,
                UpdatedAt = record.UpdatedAt,
                StartedAt = record.StartedAt,
                DoneAt = record.DoneAt,
                AssignedAt = record.AssignedAt,
                SnoozeExpiresAt = record.SnoozeExpiresAt,
                Archived = record.Archived,
                QueueUid = record.QueueUid,
                AssigneeUid = record.AssigneeUid,
                CaseUid = record.CaseUid,
                ParentUid = record.ParentUid,
            };
            Fill(task.Fields, record.Fields);
            // Reading record.Extra here would build it (it is lazy): defer that to the first look at
            // AdditionalProperties, which most pipelines never make.
            task.SetAdditionalSource(() =>
            {
                var table = new FragmentValueTable();
                Fill(table, record.Extra);
                return table;
            });
            return task;
        }

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

        /// <summary>
        /// The task as a pipeline object: each custom field also becomes a property of its own, so that
        /// Export-Csv writes one column per field and <c>Where-Object country -eq FR</c> works.
        /// </summary>
        public static PSObject ToPipelineObject(FragmentTask task)
        {
            var pso = PSObject.AsPSObject(task);
            foreach (System.Collections.DictionaryEntry field in task.Fields)
            {
                string name = field.Key?.ToString() ?? string.Empty;
                // The wrapper is new, so the type's own properties are the only names that can clash; checked
                // here, the collection need not check again (preValidated), which is most of the cost.
                if (name.Length == 0 || TaskPropertyNames.Contains(name)) continue;
                pso.Properties.Add(new PSNoteProperty(name, field.Value), true);
            }
            return pso;
        }

        private static void Fill(FragmentValueTable table, Dictionary<string, JsonElement>? values)
        {
            if (values == null) return;
            foreach (var pair in values) table[pair.Key] = PSJson.FromElement(pair.Value);
        }
    }
}
