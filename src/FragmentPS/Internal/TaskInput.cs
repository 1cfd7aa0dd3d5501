using System;
using System.Collections;
using System.Management.Automation;
using FragmentPS.Core.Models;
using FragmentPS.Errors;

namespace FragmentPS.Internal
{
    /// <summary>An input refused before any request, with its stable ErrorId.</summary>
    internal sealed class InputRefusedException : Exception
    {
        public InputRefusedException(string errorId, ErrorCategory category, string message) : base(message)
        {
            ErrorId = errorId;
            Category = category;
        }

        public string ErrorId { get; }
        public ErrorCategory Category { get; }

        public ErrorRecord ToErrorRecord(object? target) => ErrorMapper.Refused(ErrorId, Category, Message, target);
    }

    /// <summary>Builds a task body from cmdlet parameters, refusing bad values before anything is sent.</summary>
    internal static class TaskInput
    {
        /// <summary>
        /// The body for these values. A title must have text, from -Title or from a 'title' key of -Field alike. A
        /// url that is given but blank clears the task's url (sent as null).
        /// </summary>
        public static TaskWrite Build(string? title, bool titleGiven, string? url, bool urlGiven, IDictionary? fields, string? status, DateTimeOffset? dueAt)
        {
            var write = new TaskWrite();
            if (fields != null)
            {
                foreach (DictionaryEntry entry in fields)
                {
                    string key = entry.Key?.ToString() ?? string.Empty;
                    if (key.Trim().Length == 0)
                        throw new InputRefusedException(ErrorIds.InvalidFieldValue, ErrorCategory.InvalidArgument, "A key of -Field is empty; field names are non-empty text such as 'country'.");
                    if (string.Equals(key, "title", StringComparison.OrdinalIgnoreCase) && IsBlank(entry.Value))
                        throw new InputRefusedException(ErrorIds.EmptyTitle, ErrorCategory.InvalidArgument, $"-Field {key} is empty; a task needs a title with some text, so it cannot be emptied.");
                    try { write.Fields[key] = PSJson.ToNode(entry.Value, "fields." + key); }
                    catch (FieldValueException ex) { throw new InputRefusedException(ErrorIds.InvalidFieldValue, ErrorCategory.InvalidArgument, ex.Message); }
                }
            }
            if (titleGiven)
            {
                if (string.IsNullOrWhiteSpace(title))
                    throw new InputRefusedException(ErrorIds.EmptyTitle, ErrorCategory.InvalidArgument, "The title is empty; a task needs a title with some text.");
                write.Fields["title"] = title;
            }
            if (urlGiven) write.Fields["url"] = string.IsNullOrWhiteSpace(url) ? null : url;
            if (status != null)
            {
                write.Status = TaskStatuses.Normalize(status)
                    ?? throw new InputRefusedException(ErrorIds.InvalidStatus, ErrorCategory.InvalidArgument,
                        $"'{status}' is not a task status; use one of {string.Join(", ", TaskStatuses.All)}.");
            }
            if (dueAt.HasValue) write.DueAt = dueAt;
            return write;
        }

        private static bool IsBlank(object? value)
        {
            if (value is PSObject pso) value = pso.BaseObject;
            return value == null || (value is string text && text.Trim().Length == 0);
        }

        /// <summary>Native keys that live at the top level of a task, beside <c>fields</c>.</summary>
        public static void AddNativeKeys(TaskWrite write, Guid? queueUid, Guid? assigneeUid, string? assigneeEmail, Guid? parentUid)
        {
            if (queueUid.HasValue) write.Other["queue_uid"] = queueUid.Value.ToString("D");
            if (assigneeUid.HasValue) write.Other["assignee_uid"] = assigneeUid.Value.ToString("D");
            if (!string.IsNullOrWhiteSpace(assigneeEmail)) write.Other["assignee_email"] = assigneeEmail!.Trim();
            if (parentUid.HasValue) write.Other["parent_uid"] = parentUid.Value.ToString("D");
        }
    }
}
