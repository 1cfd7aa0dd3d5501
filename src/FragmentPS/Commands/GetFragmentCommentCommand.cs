using System;
using System.Management.Automation;
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
                using var pages = Client.GetComments(TaskUid, 100, StopToken);
                while (RunSync(ct => pages.NextAsync(ct)) is { } page)
                {
                    pages.Prefetch();
                    foreach (var record in page.Items) WriteComment(OutputMapper.ToComment(record));
                }
            }
            catch (FragmentApiException ex)
            {
                WriteApiError(ex, TaskUid);
            }
        }
    }
}
