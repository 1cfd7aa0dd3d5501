using System;
using System.Collections.Generic;
using System.Text.Json;
using FragmentPS.Emulator.Json;
using FragmentPS.Emulator.Validation;

namespace FragmentPS.Emulator.Store
{
    /// <summary>
    /// How a body changes a task (contract sections 3 and 4): defaults on create; on update, top-level keys that
    /// are present replace and <c>fields</c> merges key by key; updated_at moves only when something changed;
    /// a status change to STARTED or DONE stamps started_at or done_at unless the body gives them.
    /// </summary>
    internal static class TaskMutations
    {
        public static StoredTask Create(Guid uid, TaskPatch patch, DateTime now)
        {
            var task = new StoredTask
            {
                Uid = uid,
                Status = StatusEnum.Todo,
                DueAt = now,
                CreatedAt = now,
                UpdatedAt = now,
            };
            // Created STARTED or DONE, the status changes from the default TODO and is stamped like an update.
            Apply(task, patch, now);
            return task;
        }

        /// <summary>The next version of <paramref name="current"/>, or null when the body changes nothing.</summary>
        public static StoredTask? Update(StoredTask current, TaskPatch patch, DateTime now)
        {
            StoredTask next = current.Copy();
            if (!Apply(next, patch, now)) return null;
            next.UpdatedAt = now;
            return next;
        }

        private static bool Apply(StoredTask task, TaskPatch patch, DateTime now)
        {
            bool changed = false;
            changed |= Assign(patch.Archived, ref task.Archived);
            bool statusChanged = Assign(patch.Status, ref task.Status);
            changed |= statusChanged;
            changed |= Assign(patch.DueAt, ref task.DueAt);
            changed |= Assign(patch.SnoozeExpiresAt, ref task.SnoozeExpiresAt);
            changed |= Assign(patch.StartedAt, ref task.StartedAt);
            changed |= Assign(patch.DoneAt, ref task.DoneAt);
            changed |= Assign(patch.ExternalCreatedAt, ref task.ExternalCreatedAt);
            changed |= Assign(patch.ExternalUpdatedAt, ref task.ExternalUpdatedAt);
            changed |= Assign(patch.QueueUid, ref task.QueueUid);
            changed |= Assign(patch.CaseUid, ref task.CaseUid);
            changed |= Assign(patch.ParentUid, ref task.ParentUid);
            changed |= Assign(patch.MetadataFormUid, ref task.MetadataFormUid);
            changed |= Assign(patch.ExternalAssigneeUid, ref task.ExternalAssigneeUid);
            changed |= Assign(patch.Skills, ref task.Skills, SameUids);
            changed |= Assign(patch.Participants, ref task.Participants, SameJson);
            changed |= Assign(patch.FormData, ref task.FormData, SameJson);
            if (Assign(patch.ExternalStatus, ref task.ExternalStatus))
            {
                changed = true;
                task.ExternalStatusUpdatedAt = now;
            }
            if (ApplyAssignee(task, patch))
            {
                changed = true;
                task.AssignedAt = task.AssigneeUid is null ? null : now;
            }
            if (patch.Fields is not null)
            {
                FieldMap merged = task.Fields.Merge(patch.Fields);
                changed |= !merged.SameAs(task.Fields);
                task.Fields = merged;
            }
            if (statusChanged) StampStatus(task, patch, now);
            return changed;
        }

        private static void StampStatus(StoredTask task, TaskPatch patch, DateTime now)
        {
            if (task.Status == StatusEnum.Started && !patch.StartedAt.IsSet) task.StartedAt = now;
            if (task.Status == StatusEnum.Done && !patch.DoneAt.IsSet) task.DoneAt = now;
        }

        /// <summary>
        /// assignee_email and assignee_uid name one user: an e-mail alone derives the uid (MD5, as the docs derive
        /// uids), a uid alone drops an e-mail that belonged to someone else, null on either clears both.
        /// </summary>
        private static bool ApplyAssignee(StoredTask task, TaskPatch patch)
        {
            if (!patch.AssigneeEmail.IsSet && !patch.AssigneeUid.IsSet) return false;
            Guid? uid = task.AssigneeUid;
            string? email = task.AssigneeEmail;
            if (patch.AssigneeEmail.IsSet)
            {
                email = patch.AssigneeEmail.Value;
                uid = patch.AssigneeUid.IsSet ? patch.AssigneeUid.Value
                    : email is null ? null : UuidText.FromText(email.ToLowerInvariant());
            }
            else
            {
                uid = patch.AssigneeUid.Value;
                if (uid is null || (email is not null && UuidText.FromText(email.ToLowerInvariant()) != uid)) email = null;
            }
            bool changed = uid != task.AssigneeUid || email != task.AssigneeEmail;
            task.AssigneeUid = uid;
            task.AssigneeEmail = email;
            return changed;
        }

        private static bool Assign<T>(Optional<T> value, ref T target) =>
            Assign(value, ref target, EqualityComparer<T>.Default.Equals);

        private static bool Assign<T>(Optional<T> value, ref T target, Func<T, T, bool> same)
        {
            if (!value.IsSet || same(target, value.Value)) return false;
            target = value.Value;
            return true;
        }

        private static bool SameUids(Guid[] a, Guid[] b) => a.AsSpan().SequenceEqual(b);

        private static bool SameJson(JsonElement? a, JsonElement? b) =>
            a is null ? b is null : b is not null && JsonElement.DeepEquals(a.Value, b.Value);
    }
}
