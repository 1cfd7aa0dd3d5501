using System;
using System.Management.Automation;
using FragmentPS.Core;
using FragmentPS.Core.Errors;

namespace FragmentPS.Commands
{
    /// <summary>Deletes tasks. Asks first (ConfirmImpact High) unless -Confirm:$false.</summary>
    [Cmdlet(VerbsCommon.Remove, "FragmentTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(FragmentTask))]
    public sealed class RemoveFragmentTaskCommand : FragmentCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Internal.UidTransformation]
        [ArgumentCompleter(typeof(Completers.TaskUidCompleter))]
        public Guid[] Uid { get; set; } = Array.Empty<Guid>();

        /// <summary>Writes the deleted task.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var uid in Uid)
            {
                if (!ShouldProcess(DescribeRequest("DELETE", ApiRoutes.Task(uid)), "Delete task")) continue;
                try
                {
                    var deleted = OutputMapper.ToTask(RunSync(ct => Client.DeleteTaskAsync(uid, ct)));
                    CurrentSession.Forget(uid);
                    if (PassThru) WriteTask(deleted);
                }
                catch (FragmentApiException ex)
                {
                    WriteApiError(ex, uid);
                }
            }
        }
    }
}
