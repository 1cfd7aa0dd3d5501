using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using FragmentPS.Core;
using FragmentPS.Core.Models;
using FragmentPS.Emulator;
using FragmentPS.Internal;

namespace FragmentPS.Commands
{
    /// <summary>
    /// Fills an emulator with fixtures through its admin routes, without the API's rate limit: -Count synthetic
    /// tasks, or the piped objects, which take New-FragmentTask's properties plus the dates the server sets on its
    /// own (CreatedAt, UpdatedAt, StartedAt, DoneAt). Piped objects go in requests of many tasks each.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "FragmentEmulatorTask", DefaultParameterSetName = GivenSet)]
    [OutputType(typeof(void))]
    public sealed class AddFragmentEmulatorTaskCommand : EmulatorTargetCmdlet
    {
        private const string GivenSet = "Given";
        private const string SyntheticSet = "Synthetic";
        private const int MaxRequestChars = 4 * 1024 * 1024;

        /// <summary>The emulator; by default the one the last Start-FragmentEmulator -Connect made.</summary>
        [Parameter(ParameterSetName = GivenSet)]
        [Parameter(ParameterSetName = SyntheticSet, ValueFromPipeline = true)]
        public FragmentEmulator? Emulator { get; set; }

        /// <summary>How many synthetic tasks to add ('Seeded task n', country, ticket_id, cycling status).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SyntheticSet)]
        [ValidateRange(0, 1000000)]
        public int Count { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = GivenSet, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Title { get; set; } = string.Empty;

        [Parameter(ParameterSetName = GivenSet, ValueFromPipelineByPropertyName = true)]
        public string? Url { get; set; }

        /// <summary>Custom fields; with -Count, fields added to every synthetic task.</summary>
        [Parameter(ParameterSetName = GivenSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = SyntheticSet)]
        [Alias("Fields")]
        public IDictionary? Field { get; set; }

        [Parameter(ParameterSetName = GivenSet, ValueFromPipelineByPropertyName = true)]
        [ValidateSet(TaskStatuses.Todo, TaskStatuses.Started, TaskStatuses.Done)]
        public string? Status { get; set; }

        [Parameter(ParameterSetName = GivenSet, ValueFromPipelineByPropertyName = true)]
        public DateTimeOffset? DueAt { get; set; }

        [Parameter(ParameterSetName = GivenSet, ValueFromPipelineByPropertyName = true)]
        [UidTransformation]
        public Guid? Uid { get; set; }

        /// <summary>The uid is derived from it, as New-FragmentTask -ExternalId derives it.</summary>
        [Parameter(ParameterSetName = GivenSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ExternalId { get; set; }

        [Parameter(ParameterSetName = GivenSet, ValueFromPipelineByPropertyName = true)]
        [UidTransformation]
        public Guid? QueueUid { get; set; }

        [Parameter(ParameterSetName = GivenSet, ValueFromPipelineByPropertyName = true)]
        [UidTransformation]
        public Guid? AssigneeUid { get; set; }

        [Parameter(ParameterSetName = GivenSet, ValueFromPipelineByPropertyName = true)]
        public string? AssigneeEmail { get; set; }

        [Parameter(ParameterSetName = GivenSet, ValueFromPipelineByPropertyName = true)]
        [UidTransformation]
        public Guid? ParentUid { get; set; }

        /// <summary>When the task was created (default: the emulator's now); also the default due date.</summary>
        [Parameter(ParameterSetName = GivenSet, ValueFromPipelineByPropertyName = true)]
        public DateTimeOffset? CreatedAt { get; set; }

        /// <summary>When it last changed (default: CreatedAt).</summary>
        [Parameter(ParameterSetName = GivenSet, ValueFromPipelineByPropertyName = true)]
        public DateTimeOffset? UpdatedAt { get; set; }

        /// <summary>When it was started (default for a STARTED or DONE task: CreatedAt).</summary>
        [Parameter(ParameterSetName = GivenSet, ValueFromPipelineByPropertyName = true)]
        public DateTimeOffset? StartedAt { get; set; }

        /// <summary>When it was done (default for a DONE task: CreatedAt).</summary>
        [Parameter(ParameterSetName = GivenSet, ValueFromPipelineByPropertyName = true)]
        public DateTimeOffset? DoneAt { get; set; }

        /// <summary>The piped object itself: errors name it as their target.</summary>
        [Parameter(ParameterSetName = GivenSet, ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        private readonly StringBuilder _items = new StringBuilder();
        private readonly List<object> _targets = new List<object>();
        private FragmentEmulator? _emulator;

        protected override FragmentEmulator? GivenEmulator => Emulator;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == SyntheticSet)
            {
                base.ProcessRecord();
                return;
            }
            object target = InputObject ?? (object)Title;
            string item;
            try
            {
                TaskWrite write = TaskInput.Build(Title, titleGiven: true, Url, urlGiven: !string.IsNullOrWhiteSpace(Url), Field, Status, DueAt);
                TaskInput.AddNativeKeys(write, QueueUid, AssigneeUid, AssigneeEmail, ParentUid);
                write.Uid = Uid ?? (ExternalId != null ? Uids.FromExternalId(ExternalId) : (Guid?)null);
                JsonObject json = write.ToJson(includeUid: true);
                foreach (var (key, date) in new[] { ("created_at", CreatedAt), ("updated_at", UpdatedAt), ("started_at", StartedAt), ("done_at", DoneAt) })
                    if (date.HasValue) json[key] = FragmentJson.FormatDate(date.Value);
                item = json.ToJsonString();
            }
            catch (InputRefusedException ex)
            {
                WriteError(ex.ToErrorRecord(target));
                return;
            }
            if (_items.Length > 0 && _items.Length + item.Length > MaxRequestChars) Flush();
            _items.Append(_items.Length == 0 ? "{\"items\":[" : ",").Append(item);
            _targets.Add(target);
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == SyntheticSet) base.EndProcessing();
            else Flush();
        }

        /// <summary>-Count: synthetic tasks, made by the emulator in one call.</summary>
        protected override void Act(FragmentEmulator emulator)
        {
            var body = new JsonObject { ["count"] = Count };
            if (Field != null)
            {
                TaskWrite fields;
                try { fields = TaskInput.Build(null, titleGiven: false, null, urlGiven: false, Field, null, null); }
                catch (InputRefusedException ex) { ThrowTerminatingError(ex.ToErrorRecord(Field)); return; }
                body["fields"] = fields.Fields.DeepClone();
            }
            CallAdminOrStop(emulator, HttpMethod.Post, "seed", body.ToJsonString());
        }

        /// <summary>Sends the tasks gathered so far as one request (all or nothing); a refusal names its inputs.</summary>
        private void Flush()
        {
            if (_targets.Count == 0) return;
            _emulator ??= ResolveEmulator(Emulator);
            string body = _items.Append("]}").ToString();
            object[] targets = _targets.ToArray();
            _items.Clear();
            _targets.Clear();
            try
            {
                CallAdmin(_emulator, HttpMethod.Post, "tasks", body);
            }
            catch (EmulatorAdminException ex)
            {
                WriteError(AdminError(ex, targets.Length == 1 ? targets[0] : targets));
            }
            WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Added {0} tasks to the emulator at {1}.", targets.Length, _emulator.BaseUri));
        }
    }
}
