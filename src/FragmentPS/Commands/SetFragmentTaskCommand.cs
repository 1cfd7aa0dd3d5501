using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using FragmentPS.Core;
using FragmentPS.Core.Models;
using FragmentPS.Errors;
using FragmentPS.Internal;

namespace FragmentPS.Commands
{
    /// <summary>Changes tasks with PATCH: only what is given changes; -Field merges key by key.</summary>
    [Cmdlet(VerbsCommon.Set, "FragmentTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FragmentTask))]
    public sealed class SetFragmentTaskCommand : TaskBatchCmdlet
    {
        private HashSet<string> _fromCommandLine = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [UidTransformation]
        [ArgumentCompleter(typeof(Completers.TaskUidCompleter))]
        public Guid Uid { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet(TaskStatuses.Todo, TaskStatuses.Started, TaskStatuses.Done)]
        public string? Status { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Title { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Url { get; set; }

        /// <summary>Fields to set, merged key by key; a key set to $null is stored as null.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.FieldNameCompleter))]
        public IDictionary? Field { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTimeOffset? DueAt { get; set; }

        [Parameter]
        public bool? Archived { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The piped object itself, to tell a piped task from a CSV row (see <see cref="Given"/>).</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override bool EmitResults => PassThru;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // What the user typed; anything bound later came from a pipeline object.
            _fromCommandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
        }

        protected override void ProcessRecord()
        {
            TaskWrite write;
            try
            {
                write = TaskInput.Build(Given(nameof(Title)) ? Title : null, Given(nameof(Title)), Given(nameof(Url)) ? Url : null,
                    Field, Given(nameof(Status)) ? Status : null, Given(nameof(DueAt)) ? DueAt : null);
                write.Archived = Archived;
                TaskInput.AddNativeKeys(write, Given(nameof(QueueUid)) ? QueueUid : null, Given(nameof(AssigneeUid)) ? AssigneeUid : null,
                    Given(nameof(AssigneeEmail)) ? AssigneeEmail : null, Given(nameof(ParentUid)) ? ParentUid : null);
                write.Uid = Uid;
                if (write.IsEmpty)
                    throw new InputRefusedException(ErrorIds.NothingToChange, ErrorCategory.InvalidArgument,
                        $"Nothing to change for task {Uid}: give -Status, -Title, -Url, -Field, -DueAt, -Archived, -QueueUid, -AssigneeUid, -AssigneeEmail or -ParentUid.");
            }
            catch (InputRefusedException ex)
            {
                WriteError(ex.ToErrorRecord(InputObject ?? (object)Uid));
                return;
            }
            string path = ApiRoutes.Task(Uid);
            if (!ShouldProcess(DescribeRequest("PATCH", path, write.ToJson(includeUid: false).ToJsonString()), "Update task (piped inputs go together as PATCH /tasks/batch)")) return;
            Enqueue(write, InputObject ?? (object)Uid);
        }

        /// <summary>
        /// A value counts when the user typed it, or when it came from an input that is not a task (a CSV row).
        /// A task piped in brings its own current title, status and due date: sending them back would be noise,
        /// and could undo someone else's change.
        /// </summary>
        private bool Given(string name)
        {
            if (!MyInvocation.BoundParameters.ContainsKey(name)) return false;
            if (_fromCommandLine.Contains(name)) return true;
            return !(InputObject?.BaseObject is FragmentTask);
        }

        protected override Task<TaskRecord> SendOne(FragmentClient client, TaskWrite write, CancellationToken ct) =>
            client.UpdateTaskAsync(write.Uid!.Value, write, ct);

        protected override Task<List<TaskRecord>> SendBatch(FragmentClient client, IReadOnlyList<TaskWrite> writes, CancellationToken ct) =>
            client.UpdateTasksAsync(writes, ct);
    }
}
