using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using FragmentPS.Emulator.Store;

namespace FragmentPS.Emulator.Json
{
    /// <summary>
    /// The task response of contract section 3: every SPEC key, always present, in the order the contract lists
    /// them, then the keys the reference's list sample adds; null where unset, 0 for the durations and
    /// counters, [] for skills. The internal_* dates are the task's own: the emulator has no import history.
    /// </summary>
    internal static class TaskJson
    {
        public static byte[] Serialize(StoredTask task) => JsonBodies.Serialize(new
        {
            task.Uid,
            task.Archived,
            task.Status,
            Fields = FieldsObject(task.Fields),
            DueAt = Date(task.DueAt),
            CreatedAt = Date(task.CreatedAt),
            UpdatedAt = Date(task.UpdatedAt),
            StartedAt = Date(task.StartedAt),
            DoneAt = Date(task.DoneAt),
            AssignedAt = Date(task.AssignedAt),
            SnoozeExpiresAt = Date(task.SnoozeExpiresAt),
            task.QueueUid,
            task.AssigneeUid,
            task.CaseUid,
            task.ParentUid,
            task.MetadataFormUid,
            task.ExternalAssigneeUid,
            task.Skills,
            task.Participants,
            LegacyData = (object?)null,
            task.FormData,
            FormType = (object?)null,
            ReviewStatus = (object?)null,
            TaskType = (object?)null,
            task.ExternalStatus,
            ExternalCreatedAt = Date(task.ExternalCreatedAt),
            ExternalUpdatedAt = Date(task.ExternalUpdatedAt),
            ExternalStatusUpdatedAt = Date(task.ExternalStatusUpdatedAt),
            SlaBreachAt = (object?)null,
            PlayedAt = (object?)null,
            IsAssignedPlayer = false,
            // The computed integers: child counters and durations (each with a _business twin), all 0 here.
            NumChildren = 0,
            NumChildrenDone = 0,
            QueueTime = 0,
            QueueTimeBusiness = 0,
            WorkTime = 0,
            WorkTimeBusiness = 0,
            WaitTime = 0,
            WaitTimeBusiness = 0,
            ResolutionTime = 0,
            ResolutionTimeBusiness = 0,
            Assignee = Assignee(task),
            InternalCreatedAt = Date(task.CreatedAt),
            InternalUpdatedAt = Date(task.UpdatedAt),
            SlaBreachBusinessAt = (object?)null,
            AssigneeUpdatedBy = (object?)null,
            QueueUpdatedBy = (object?)null,
            IncrementalWorkTime = 0,
            IncrementalWorkTimeBusiness = 0,
        });

        /// <summary>
        /// A plausible user for the task's assignee: the uid and e-mail that were set (each derived from the other
        /// when only one was given), names read from the e-mail's local part; null when there is none.
        /// </summary>
        private static object? Assignee(StoredTask task)
        {
            if (task.AssigneeUid is null && task.AssigneeEmail is null) return null;
            Guid uid = task.AssigneeUid ?? UuidText.FromText(task.AssigneeEmail!.ToLowerInvariant());
            string email = task.AssigneeEmail ?? $"user-{uid.ToString("N").Substring(0, 8)}@example.com";
            string[] names = email.Split('@')[0].Split('.', '_', '-', '+');
            DateTime since = task.AssignedAt ?? task.UpdatedAt;
            return new
            {
                Uid = uid,
                Email = email,
                FirstName = Capitalize(names[0]),
                LastName = names.Length > 1 ? Capitalize(names[^1]) : "User",
                Role = "super_admin",
                Archived = false,
                Skills = Array.Empty<Guid>(),
                CreatedAt = Date(since),
                UpdatedAt = Date(since),
                IsRegistered = true,
            };
        }

        /// <summary>The fields as a JSON object, keys as stored (no naming policy) and in their order.</summary>
        private static OrderedDictionary<string, JsonElement> FieldsObject(FieldMap fields)
        {
            var json = new OrderedDictionary<string, JsonElement>(fields.Count, StringComparer.Ordinal);
            foreach (Field field in fields.Entries) json.Add(field.Key, field.Json);
            return json;
        }

        private static string? Date(DateTime? utc) => utc is null ? null : IsoDates.ToText(utc.Value);

        private static string Capitalize(string word) =>
            word.Length == 0 ? "User" : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word.Substring(1);
    }
}
