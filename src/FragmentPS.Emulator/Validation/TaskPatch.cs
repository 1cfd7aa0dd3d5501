using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace FragmentPS.Emulator.Validation
{
    /// <summary>
    /// The writable keys of a task body (contract section 3), parsed and checked. Keys that were not sent are
    /// unset; keys the contract computes (durations, counters, assignee, created_at...) and unknown keys are
    /// never read. <c>started_at</c> and <c>done_at</c> are accepted because a status change sets them "unless the
    /// body gives them".
    /// </summary>
    internal sealed class TaskPatch
    {
        public Optional<Guid> Uid;
        public Optional<bool> Archived;
        public Optional<string> Status;
        public Optional<DateTime?> DueAt;
        public Optional<DateTime?> SnoozeExpiresAt;
        public Optional<DateTime?> StartedAt;
        public Optional<DateTime?> DoneAt;
        public Optional<DateTime?> ExternalCreatedAt;
        public Optional<DateTime?> ExternalUpdatedAt;
        public Optional<Guid?> QueueUid;
        public Optional<Guid?> AssigneeUid;
        public Optional<Guid?> CaseUid;
        public Optional<Guid?> ParentUid;
        public Optional<Guid?> MetadataFormUid;
        public Optional<Guid?> ExternalAssigneeUid;
        public Optional<string?> AssigneeEmail;
        public Optional<Guid[]> Skills;
        public Optional<JsonElement?> Participants;
        public Optional<JsonElement?> FormData;
        public Optional<string?> ExternalStatus;

        /// <summary>The <c>fields</c> object's entries, in body order; null when <c>fields</c> was not sent.</summary>
        public List<KeyValuePair<string, JsonElement>>? Fields;

        /// <summary>The whole <c>fields</c> object as sent, for a 422's input.</summary>
        public JsonElement FieldsInput;

        /// <summary>The body as sent, for a 422's input.</summary>
        public JsonElement Body;

        /// <summary>Whether <c>fields.title</c> is there with a value (the last one sent counts): what a create needs.</summary>
        public bool HasTitle =>
            Fields?.LastOrDefault(entry => entry.Key == "title").Value.ValueKind is not (null or JsonValueKind.Undefined or JsonValueKind.Null);
    }
}
