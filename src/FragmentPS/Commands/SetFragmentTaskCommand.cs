using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FragmentPS.Core;
using FragmentPS.Core.Models;
using FragmentPS.Core.Writes;
using FragmentPS.Errors;
using FragmentPS.Internal;

namespace FragmentPS.Commands
{
    /// <summary>
    /// Changes tasks with PATCH: only what the user names changes; -Field merges key by key. From a piped object
    /// only the uid is taken, unless -InputProperty names properties of it to take as changes.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "FragmentTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ExternalIds.UidSet)]
    [OutputType(typeof(FragmentTask))]
    public sealed class SetFragmentTaskCommand : TaskBatchCmdlet
    {
        private HashSet<string> _fromCommandLine = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private HashSet<string> _fromInput = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ExternalIds.UidSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [UidTransformation]
        [ArgumentCompleter(typeof(Completers.TaskUidCompleter))]
        public Guid Uid { get; set; }

        /// <summary>The id the task was created with (New-FragmentTask -ExternalId); its uid is derived from it.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ExternalIds.ExternalIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias(ExternalIds.ColumnAlias)]
        [ValidateNotNullOrEmpty]
        public string? ExternalId { get; set; }

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

        /// <summary>
        /// Properties of each piped object to take as changes, e.g. Title for a CSV of renames. Without it a piped
        /// object gives only its Uid, so a column nobody named is never written.
        /// </summary>
        [Parameter]
        [ValidateSet(nameof(Title), nameof(Url), nameof(Status), nameof(DueAt), nameof(QueueUid), nameof(AssigneeUid), nameof(AssigneeEmail), nameof(ParentUid), IgnoreCase = true)]
        public string[]? InputProperty { get; set; }

        /// <summary>The piped object itself: errors name it, a task or comment brings its session, and -InputProperty reads it.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override bool EmitResults => PassThru;

        protected override TaskWriteMode Mode => TaskWriteMode.Update;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // What the user typed; anything bound later came from a pipeline object.
            _fromCommandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            _fromInput = new HashSet<string>(InputProperty ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            var both = _fromInput.Where(_fromCommandLine.Contains).ToList();
            if (both.Count > 0)
            {
                ThrowTerminatingError(ErrorMapper.Refused(ErrorIds.InvalidInputProperty, ErrorCategory.InvalidArgument,
                    $"-{both[0]} is given on the command line and named in -InputProperty; give the value one way.", both[0]));
            }
        }

        protected override void ProcessRecord()
        {
            Guid uid = ExternalId != null ? ExternalIds.ToUid(ExternalId) : Uid;
            object target = InputObject ?? (object?)ExternalId ?? uid;
            TaskWrite write;
            try
            {
                var missing = _fromInput.Where(name => !MyInvocation.BoundParameters.ContainsKey(name)).ToList();
                if (InputObject != null && missing.Count > 0)
                    throw new InputRefusedException(ErrorIds.InvalidInputProperty, ErrorCategory.InvalidArgument,
                        $"The input for task {ExternalIds.Describe(uid, ExternalId)} has no {string.Join(", ", missing)} property, which -InputProperty names; nothing was sent for it.");
                write = TaskInput.Build(Given(nameof(Title)) ? Title : null, Given(nameof(Title)), Url, Given(nameof(Url)),
                    Field, Given(nameof(Status)) ? Status : null, Given(nameof(DueAt)) ? DueAt : null);
                write.Archived = Archived;
                TaskInput.AddNativeKeys(write, Given(nameof(QueueUid)) ? QueueUid : null, Given(nameof(AssigneeUid)) ? AssigneeUid : null,
                    Given(nameof(AssigneeEmail)) ? AssigneeEmail : null, Given(nameof(ParentUid)) ? ParentUid : null);
                write.Uid = uid;
                if (write.IsEmpty)
                    throw new InputRefusedException(ErrorIds.NothingToChange, ErrorCategory.InvalidArgument,
                        $"Nothing to change for task {ExternalIds.Describe(uid, ExternalId)}: give -Status, -Title, -Url, -Field, -DueAt, -Archived, -QueueUid, -AssigneeUid, -AssigneeEmail or -ParentUid"
                        + (InputObject != null && _fromInput.Count == 0 ? ", or name the piped object's properties to take with -InputProperty." : "."));
            }
            catch (InputRefusedException ex)
            {
                WriteError(ex.ToErrorRecord(target));
                return;
            }
            if (!TryGetInputSession(InputObject, target, out var session)) return;
            string path = ApiRoutes.Task(uid);
            string request = DescribeRequest("PATCH", path, write.ToJson(includeUid: false).ToJsonString(), session);
            if (!ShouldProcess(DescribeTaskRequest(uid, InputObject, request, session), BatchAction("Update task", "PATCH /tasks/batch"))) return;
            Enqueue(write, target, session);
        }

        /// <summary>
        /// A value is a change when the user typed it, or named it with -InputProperty. Anything else a piped object
        /// brings (a task's own title, a CSV's other columns) is not sent: it would be noise, and could undo
        /// someone else's change.
        /// </summary>
        private bool Given(string name) =>
            MyInvocation.BoundParameters.ContainsKey(name) && (_fromCommandLine.Contains(name) || _fromInput.Contains(name));
    }
}
