using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using FragmentPS.Core;
using FragmentPS.Core.Models;
using FragmentPS.Internal;

namespace FragmentPS.Commands
{
    /// <summary>
    /// Creates tasks. The uid is chosen on the client (or derived from -ExternalId) and the task is written
    /// with PUT, which the API makes idempotent: a retried call can never create a second task.
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

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTimeOffset? DueAt { get; set; }

        /// <summary>The task's uid; by default a new random one.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [UidTransformation]
        public Guid? Uid { get; set; }

        /// <summary>An id from another system (a ticket number): the uid is derived from it, so re-running creates nothing twice.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ExternalId { get; set; }

        /// <summary>The piped object itself (a CSV row): errors name it as their target.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override bool EmitResults => true;

        protected override void ProcessRecord()
        {
            TaskWrite write;
            try
            {
                if (Uid.HasValue && ExternalId != null)
                    throw new InputRefusedException(Errors.ErrorIds.InvalidUid, ErrorCategory.InvalidArgument,
                        $"Give -Uid or -ExternalId, not both (uid {Uid}, external id '{ExternalId}').");
                write = TaskInput.Build(Title, titleGiven: true, Url, Field, Status, DueAt);
                TaskInput.AddNativeKeys(write, QueueUid, AssigneeUid, AssigneeEmail, ParentUid);
                write.Uid = Uid ?? (ExternalId != null ? Uids.FromExternalId(ExternalId) : Guid.NewGuid());
            }
            catch (InputRefusedException ex)
            {
                WriteError(ex.ToErrorRecord(InputObject ?? (object)Title));
                return;
            }
            string path = ApiRoutes.Task(write.Uid!.Value);
            if (!ShouldProcess(DescribeRequest("PUT", path, write.ToJson(includeUid: false).ToJsonString()), "Create task (piped inputs go together as PUT /tasks/batch)")) return;
            Enqueue(write, InputObject ?? (object)Title);
        }

        protected override Task<TaskRecord> SendOne(FragmentClient client, TaskWrite write, CancellationToken ct) =>
            client.PutTaskAsync(write.Uid!.Value, write, ct);

        protected override Task<List<TaskRecord>> SendBatch(FragmentClient client, IReadOnlyList<TaskWrite> writes, CancellationToken ct) =>
            client.PutTasksAsync(writes, ct);
    }
}
