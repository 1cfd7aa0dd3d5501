using System;
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
        private static readonly JsonEncodedText Uid = JsonEncodedText.Encode("uid");
        private static readonly JsonEncodedText Archived = JsonEncodedText.Encode("archived");
        private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        private static readonly JsonEncodedText Fields = JsonEncodedText.Encode("fields");
        private static readonly JsonEncodedText DueAt = JsonEncodedText.Encode("due_at");
        private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("created_at");
        private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updated_at");
        private static readonly JsonEncodedText StartedAt = JsonEncodedText.Encode("started_at");
        private static readonly JsonEncodedText DoneAt = JsonEncodedText.Encode("done_at");
        private static readonly JsonEncodedText AssignedAt = JsonEncodedText.Encode("assigned_at");
        private static readonly JsonEncodedText SnoozeExpiresAt = JsonEncodedText.Encode("snooze_expires_at");
        private static readonly JsonEncodedText QueueUid = JsonEncodedText.Encode("queue_uid");
        private static readonly JsonEncodedText AssigneeUid = JsonEncodedText.Encode("assignee_uid");
        private static readonly JsonEncodedText CaseUid = JsonEncodedText.Encode("case_uid");
        private static readonly JsonEncodedText ParentUid = JsonEncodedText.Encode("parent_uid");
        private static readonly JsonEncodedText MetadataFormUid = JsonEncodedText.Encode("metadata_form_uid");
        private static readonly JsonEncodedText ExternalAssigneeUid = JsonEncodedText.Encode("external_assignee_uid");
        private static readonly JsonEncodedText Skills = JsonEncodedText.Encode("skills");
        private static readonly JsonEncodedText Participants = JsonEncodedText.Encode("participants");
        private static readonly JsonEncodedText LegacyData = JsonEncodedText.Encode("legacy_data");
        private static readonly JsonEncodedText FormData = JsonEncodedText.Encode("form_data");
        private static readonly JsonEncodedText FormType = JsonEncodedText.Encode("form_type");
        private static readonly JsonEncodedText ReviewStatus = JsonEncodedText.Encode("review_status");
        private static readonly JsonEncodedText TaskType = JsonEncodedText.Encode("task_type");
        private static readonly JsonEncodedText ExternalStatus = JsonEncodedText.Encode("external_status");
        private static readonly JsonEncodedText ExternalCreatedAt = JsonEncodedText.Encode("external_created_at");
        private static readonly JsonEncodedText ExternalUpdatedAt = JsonEncodedText.Encode("external_updated_at");
        private static readonly JsonEncodedText ExternalStatusUpdatedAt = JsonEncodedText.Encode("external_status_updated_at");
        private static readonly JsonEncodedText SlaBreachAt = JsonEncodedText.Encode("sla_breach_at");
        private static readonly JsonEncodedText PlayedAt = JsonEncodedText.Encode("played_at");
        private static readonly JsonEncodedText IsAssignedPlayer = JsonEncodedText.Encode("is_assigned_player");
        private static readonly JsonEncodedText Assignee = JsonEncodedText.Encode("assignee");
        private static readonly JsonEncodedText InternalCreatedAt = JsonEncodedText.Encode("internal_created_at");
        private static readonly JsonEncodedText InternalUpdatedAt = JsonEncodedText.Encode("internal_updated_at");
        private static readonly JsonEncodedText SlaBreachBusinessAt = JsonEncodedText.Encode("sla_breach_business_at");
        private static readonly JsonEncodedText AssigneeUpdatedBy = JsonEncodedText.Encode("assignee_updated_by");
        private static readonly JsonEncodedText QueueUpdatedBy = JsonEncodedText.Encode("queue_updated_by");

        /// <summary>The sample's extra counter and its _business twin, 0 here.</summary>
        private static readonly JsonEncodedText[] SampleCounters = Encode("incremental_work_time", "incremental_work_time_business");

        /// <summary>The computed integers: durations (each with a _business twin) and child counters, all 0 here.</summary>
        private static readonly JsonEncodedText[] ZeroCounters = Encode(
            "num_children", "num_children_done",
            "queue_time", "queue_time_business", "work_time", "work_time_business",
            "wait_time", "wait_time_business", "resolution_time", "resolution_time_business");

        public static byte[] Serialize(StoredTask task) => JsonBodies.Write(w => Write(w, task));

        public static void Write(Utf8JsonWriter w, StoredTask task)
        {
            w.WriteStartObject();
            w.WriteString(Uid, task.Uid);
            w.WriteBoolean(Archived, task.Archived);
            w.WriteString(Status, task.Status);
            w.WriteStartObject(Fields);
            foreach (Field field in task.Fields.Entries)
            {
                w.WritePropertyName(field.Key);
                field.Json.WriteTo(w);
            }
            w.WriteEndObject();
            JsonBodies.WriteDate(w, DueAt, task.DueAt);
            JsonBodies.WriteDate(w, CreatedAt, task.CreatedAt);
            JsonBodies.WriteDate(w, UpdatedAt, task.UpdatedAt);
            JsonBodies.WriteDate(w, StartedAt, task.StartedAt);
            JsonBodies.WriteDate(w, DoneAt, task.DoneAt);
            JsonBodies.WriteDate(w, AssignedAt, task.AssignedAt);
            JsonBodies.WriteDate(w, SnoozeExpiresAt, task.SnoozeExpiresAt);
            JsonBodies.WriteUid(w, QueueUid, task.QueueUid);
            JsonBodies.WriteUid(w, AssigneeUid, task.AssigneeUid);
            JsonBodies.WriteUid(w, CaseUid, task.CaseUid);
            JsonBodies.WriteUid(w, ParentUid, task.ParentUid);
            JsonBodies.WriteUid(w, MetadataFormUid, task.MetadataFormUid);
            JsonBodies.WriteUid(w, ExternalAssigneeUid, task.ExternalAssigneeUid);
            WriteUidArray(w, Skills, task.Skills);
            WriteObjectOrNull(w, Participants, task.Participants);
            w.WriteNull(LegacyData);
            WriteObjectOrNull(w, FormData, task.FormData);
            w.WriteNull(FormType);
            w.WriteNull(ReviewStatus);
            w.WriteNull(TaskType);
            if (task.ExternalStatus is null) w.WriteNull(ExternalStatus);
            else w.WriteString(ExternalStatus, task.ExternalStatus);
            JsonBodies.WriteDate(w, ExternalCreatedAt, task.ExternalCreatedAt);
            JsonBodies.WriteDate(w, ExternalUpdatedAt, task.ExternalUpdatedAt);
            JsonBodies.WriteDate(w, ExternalStatusUpdatedAt, task.ExternalStatusUpdatedAt);
            w.WriteNull(SlaBreachAt);
            w.WriteNull(PlayedAt);
            w.WriteBoolean(IsAssignedPlayer, false);
            foreach (JsonEncodedText counter in ZeroCounters) w.WriteNumber(counter, 0);
            WriteAssignee(w, task);
            JsonBodies.WriteDate(w, InternalCreatedAt, task.CreatedAt);
            JsonBodies.WriteDate(w, InternalUpdatedAt, task.UpdatedAt);
            w.WriteNull(SlaBreachBusinessAt);
            w.WriteNull(AssigneeUpdatedBy);
            w.WriteNull(QueueUpdatedBy);
            foreach (JsonEncodedText counter in SampleCounters) w.WriteNumber(counter, 0);
            w.WriteEndObject();
        }

        /// <summary>
        /// A plausible user for the task's assignee: the uid and e-mail that were set (each derived from the other
        /// when only one was given), names read from the e-mail's local part.
        /// </summary>
        private static void WriteAssignee(Utf8JsonWriter w, StoredTask task)
        {
            if (task.AssigneeUid is null && task.AssigneeEmail is null)
            {
                w.WriteNull(Assignee);
                return;
            }
            Guid uid = task.AssigneeUid ?? UuidText.FromText(task.AssigneeEmail!.ToLowerInvariant());
            string email = task.AssigneeEmail ?? $"user-{uid.ToString("N").Substring(0, 8)}@example.com";
            string[] names = email.Split('@')[0].Split('.', '_', '-', '+');
            DateTime since = task.AssignedAt ?? task.UpdatedAt;

            w.WriteStartObject(Assignee);
            w.WriteString(Uid, uid);
            w.WriteString("email", email);
            w.WriteString("first_name", Capitalize(names[0]));
            w.WriteString("last_name", names.Length > 1 ? Capitalize(names[^1]) : "User");
            w.WriteString("role", "super_admin");
            w.WriteBoolean(Archived, false);
            w.WriteStartArray(Skills);
            w.WriteEndArray();
            JsonBodies.WriteDate(w, CreatedAt, since);
            JsonBodies.WriteDate(w, UpdatedAt, since);
            w.WriteBoolean("is_registered", true);
            w.WriteEndObject();
        }

        private static void WriteUidArray(Utf8JsonWriter w, JsonEncodedText name, Guid[] uids)
        {
            w.WriteStartArray(name);
            foreach (Guid uid in uids) w.WriteStringValue(uid);
            w.WriteEndArray();
        }

        private static void WriteObjectOrNull(Utf8JsonWriter w, JsonEncodedText name, JsonElement? value)
        {
            w.WritePropertyName(name);
            if (value is null) w.WriteNullValue();
            else value.Value.WriteTo(w);
        }

        private static string Capitalize(string word) =>
            word.Length == 0 ? "User" : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word.Substring(1);

        private static JsonEncodedText[] Encode(params string[] names) =>
            Array.ConvertAll(names, name => JsonEncodedText.Encode(name));
    }
}
