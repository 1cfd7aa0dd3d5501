using System;
using System.Text.Json;
using FragmentPS.Emulator.Json;

namespace FragmentPS.Emulator.Store
{
    /// <summary>
    /// One version of a task. Built (fields set) by <see cref="TaskMutations"/>, then frozen: once the store holds
    /// it, nothing changes it, so readers may serialize it outside the store's lock. An update makes a new
    /// version with <see cref="Copy"/>. Plain fields, so the mutation code can assign through <c>ref</c>.
    /// </summary>
    internal sealed class StoredTask
    {
        public const int SortFieldCount = 3;

        public Guid Uid;
        public bool Archived;
        public string Status = StatusEnum.Todo;
        public FieldMap Fields = FieldMap.Empty;
        public DateTime? DueAt;
        public DateTime CreatedAt;
        public DateTime UpdatedAt;
        public DateTime? StartedAt;
        public DateTime? DoneAt;
        public DateTime? AssignedAt;
        public DateTime? SnoozeExpiresAt;
        public Guid? QueueUid;
        public Guid? AssigneeUid;
        public Guid? CaseUid;
        public Guid? ParentUid;
        public Guid? MetadataFormUid;
        public Guid? ExternalAssigneeUid;
        public Guid[] Skills = Array.Empty<Guid>();
        public JsonElement? Participants;
        public JsonElement? FormData;
        public string? ExternalStatus;
        public DateTime? ExternalCreatedAt;
        public DateTime? ExternalUpdatedAt;
        public DateTime? ExternalStatusUpdatedAt;
        /// <summary>Kept only to build the <c>assignee</c> object; not a response key of its own.</summary>
        public string? AssigneeEmail;

        private byte[]? _json;

        /// <summary>The response JSON, made on first use and kept (the record never changes).</summary>
        public byte[] Json => _json ??= TaskJson.Serialize(this);

        public StoredTask Copy()
        {
            var copy = (StoredTask)MemberwiseClone();
            copy._json = null;
            return copy;
        }

        /// <summary>The index key for <paramref name="field"/>: UTC ticks; a null due date sorts last (after every date).</summary>
        public long SortKey(SortField field) => field switch
        {
            SortField.CreatedAt => CreatedAt.Ticks,
            SortField.UpdatedAt => UpdatedAt.Ticks,
            _ => DueAt?.Ticks ?? long.MaxValue,
        };

        public DateTime? DateOf(SortField field) => field switch
        {
            SortField.CreatedAt => CreatedAt,
            SortField.UpdatedAt => UpdatedAt,
            _ => DueAt,
        };
    }
}
