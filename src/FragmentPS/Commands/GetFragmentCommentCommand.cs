using System;
using System.Management.Automation;
using FragmentPS.Core;
using FragmentPS.Core.Errors;
using FragmentPS.Internal;

namespace FragmentPS.Commands
{
    /// <summary>Lists a task's comments, oldest first, following every page.</summary>
    [Cmdlet(VerbsCommon.Get, "FragmentComment")]
    [OutputType(typeof(FragmentComment))]
    public sealed class GetFragmentCommentCommand : FragmentCmdlet
    {

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Uid")]
        [UidTransformation]
        [ArgumentCompleter(typeof(Completers.TaskUidCompleter))]
        public Guid TaskUid { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                foreach (var record in Enumerate(Client.GetComments(TaskUid, TaskQuery.MaxPageSize))) WriteComment(OutputMapper.ToComment(record));
            }
            catch (FragmentApiException ex)
            {
                WriteApiError(ex, TaskUid);
            }
        }
    }
}
