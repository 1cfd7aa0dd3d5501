using System;
using System.Management.Automation;
using FragmentPS.Core;
using FragmentPS.Core.Errors;
using FragmentPS.Internal;

namespace FragmentPS.Commands
{
    /// <summary>Lists a task's comments, oldest first, following every page.</summary>
    [Cmdlet(VerbsCommon.Get, "FragmentComment", DefaultParameterSetName = ExternalIds.UidSet)]
    [OutputType(typeof(FragmentComment))]
    public sealed class GetFragmentCommentCommand : FragmentCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ExternalIds.UidSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Uid")]
        [UidTransformation]
        [ArgumentCompleter(typeof(Completers.TaskUidCompleter))]
        public Guid TaskUid { get; set; }

        /// <summary>The id the task was created with (New-FragmentTask -ExternalId); its uid is derived from it.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ExternalIds.ExternalIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias(ExternalIds.ColumnAlias)]
        [ValidateNotNullOrEmpty]
        public string? ExternalId { get; set; }

        protected override void ProcessRecord()
        {
            Guid uid = ExternalId != null ? ExternalIds.ToUid(ExternalId) : TaskUid;
            try
            {
                foreach (var record in Enumerate(Client.GetComments(uid, TaskQuery.MaxPageSize))) WriteComment(new FragmentComment(record));
            }
            catch (FragmentApiException ex)
            {
                WriteApiError(ExternalIds.Explain(ex, uid, ExternalId), (object?)ExternalId ?? uid);
            }
        }
    }
}
