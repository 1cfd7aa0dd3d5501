using System;
using System.Linq;
using System.Management.Automation;
using FragmentPS.Core;
using FragmentPS.Core.Errors;
using FragmentPS.Internal;

namespace FragmentPS.Commands
{
    /// <summary>Deletes tasks. Asks first (ConfirmImpact High) unless -Force or -Confirm:$false.</summary>
    [Cmdlet(VerbsCommon.Remove, "FragmentTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ExternalIds.UidSet)]
    [OutputType(typeof(FragmentTask))]
    public sealed class RemoveFragmentTaskCommand : FragmentCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ExternalIds.UidSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Internal.UidTransformation]
        [ArgumentCompleter(typeof(Completers.TaskUidCompleter))]
        public Guid[] Uid { get; set; } = Array.Empty<Guid>();

        /// <summary>The ids the tasks were created with (New-FragmentTask -ExternalId); their uids are derived from them.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ExternalIds.ExternalIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias(ExternalIds.ColumnAlias)]
        [ValidateNotNullOrEmpty]
        public string[]? ExternalId { get; set; }

        /// <summary>Writes the deleted task.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Deletes without asking (-WhatIf still only shows, and an explicit -Confirm still asks).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The piped object itself: a task or comment brings the session it came from.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryGetInputSession(InputObject, InputObject, out var own)) return;
            foreach (var (uid, externalId) in ExternalIds.Targets(Uid, ExternalId))
            {
                var session = own;
                if (!Confirmed(DescribeTaskRequest(uid, InputObject, DescribeRequest("DELETE", ApiRoutes.Task(uid), session: session), session))) continue;
                session ??= CurrentSession;
                try
                {
                    var deleted = RunSync(ct => ClientFor(session).DeleteTaskAsync(uid, ct));
                    session.Forget(uid);
                    if (deleted == null)
                    {
                        // The first DELETE was applied and its answer lost; the retry found the task gone.
                        string note = $"Task {uid} was deleted by an attempt whose answer was lost (the retry found it gone).";
                        if (PassThru) WriteWarning(note + " Its last state is not known, so nothing is passed through for it.");
                        else WriteVerbose(note);
                    }
                    else if (PassThru)
                    {
                        WriteTask(new FragmentTask(deleted), session);
                    }
                }
                catch (FragmentApiException ex)
                {
                    WriteApiError(ExternalIds.Explain(ex, uid, externalId), (object?)externalId ?? uid);
                }
            }
        }

        /// <summary>ShouldProcess, without the prompt when -Force is given (unless -Confirm is, too).</summary>
        private bool Confirmed(string request)
        {
            bool whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && ((SwitchParameter)w).IsPresent;
            bool confirm = MyInvocation.BoundParameters.ContainsKey("Confirm");
            if (Force && !whatIf && !confirm)
            {
                WriteVerbose($"Deleting task: {request}");
                return true;
            }
            return ShouldProcess(request, "Delete task");
        }
    }
}
