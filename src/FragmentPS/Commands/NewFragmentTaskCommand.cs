using System;
using System.Collections.Generic;
using System.Collections;
using System.Management.Automation;
using FragmentPS.Core;
using FragmentPS.Core.Models;
using FragmentPS.Core.Writes;
using FragmentPS.Internal;

namespace FragmentPS.Commands
{
    /// <summary>
    /// Creates tasks, never changing one that exists (unless -Force). The uid is chosen on the client (or derived
    /// from -ExternalId) and sent with POST, which the API refuses for a uid that is taken: so a retried call can
    /// never create a second task, and a taken uid whose task holds what was asked is that task, not an error
    /// (see <see cref="Core.Writes.TaskWriter"/>). -Force writes with PUT, create-or-update.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "FragmentTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FragmentTask))]
    public sealed class NewFragmentTaskCommand : TaskBatchCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Title { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Url { get; set; }

        /// <summary>Custom fields, e.g. @{ country = 'FR'; ticket_id = 'T-1' }.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Fields")]
        [ArgumentCompleter(typeof(Completers.FieldNameCompleter))]
        public IDictionary? Field { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet(TaskStatuses.Todo, TaskStatuses.Started, TaskStatuses.Done)]
        public string? Status { get; set; }

        /// <summary>When the task is due; the API's default is now. A CSV column named due_at or due binds too.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("due_at", "due")]
        public DateTimeOffset? DueAt { get; set; }

        /// <summary>The task's uid; by default a new random one.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [UidTransformation]
        public Guid? Uid { get; set; }

        /// <summary>An id from another system (a ticket number): the uid is derived from it, so re-running creates nothing twice.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ExternalId { get; set; }

        /// <summary>Overwrites a task that exists under the uid (PUT, create-or-update) instead of refusing the input with FragmentTaskExists.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// Stores the properties of a piped row that bind to no parameter (CSV columns such as country) as custom
        /// fields. Without it they are not sent, and one warning at the end names them.
        /// </summary>
        [Parameter]
        public SwitchParameter ExtraPropertiesAsFields { get; set; }

        /// <summary>The piped object itself (a CSV row): errors name it as their target.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override bool EmitResults => true;

        protected override TaskWriteMode Mode => Force ? TaskWriteMode.Upsert : TaskWriteMode.Create;

        // Columns of piped rows that were not sent, for the one warning at the end.
        private readonly SortedSet<string> _ignoredProperties = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void ProcessRecord()
        {
            object target = InputObject ?? (object)Title;
            TaskWrite write;
            try
            {
                if (Uid.HasValue && ExternalId != null)
                    throw new InputRefusedException(Errors.ErrorIds.InvalidUid, ErrorCategory.InvalidArgument,
                        $"Give -Uid or -ExternalId, not both (uid {Uid}, external id '{ExternalId}').");
                IDictionary? fields = Field;
                var extra = RowProperties.Unbound(InputObject, MyInvocation);
                if (extra.Count > 0 && ExtraPropertiesAsFields) fields = RowProperties.WithFields(extra, Field);
                else foreach (var property in extra) _ignoredProperties.Add(property.Name);
                write = TaskInput.Build(Title, titleGiven: true, Url, urlGiven: !string.IsNullOrWhiteSpace(Url), fields, Status, DueAt);
                TaskInput.AddNativeKeys(write, QueueUid, AssigneeUid, AssigneeEmail, ParentUid);
                write.Uid = Uid ?? (ExternalId != null ? Uids.FromExternalId(ExternalId) : Guid.NewGuid());
            }
            catch (InputRefusedException ex)
            {
                WriteError(ex.ToErrorRecord(target));
                return;
            }
            if (!TryGetInputSession(InputObject, target, out var session)) return;
            string request = Force
                ? DescribeRequest("PUT", ApiRoutes.Task(write.Uid!.Value), write.ToJson(includeUid: false).ToJsonString(), session)
                : DescribeRequest("POST", ApiRoutes.Tasks, write.ToJson(includeUid: true).ToJsonString(), session);
            if (!ShouldProcess(DescribeTaskRequest(write.Uid!.Value, null, request, session, Title),
                    Force ? BatchAction("Create or overwrite task", "PUT /tasks/batch") : BatchAction("Create task", "POST /tasks/batch"))) return;
            Enqueue(write, target, session);
        }

        protected override void EndProcessing()
        {
            base.EndProcessing();
            if (_ignoredProperties.Count == 0) return;
            WriteWarning($"The piped objects' properties {string.Join(", ", _ignoredProperties)} match no parameter of New-FragmentTask and were not sent. " +
                         "Add -ExtraPropertiesAsFields to store them as custom fields, or rename them (a due date column binds as DueAt, due_at or due).");
        }
    }
}
