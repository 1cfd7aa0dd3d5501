using System;
using System.Management.Automation;
using FragmentPS.Core;
using FragmentPS.Core.Errors;
using FragmentPS.Errors;
using FragmentPS.Internal;

namespace FragmentPS.Commands
{
    /// <summary>
    /// Adds a comment to a task. A comment is a POST, so it is never retried after an ambiguous failure: the
    /// error then says the outcome is unknown, instead of risking a second comment.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "FragmentComment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ExternalIds.UidSet)]
    [OutputType(typeof(FragmentComment))]
    public sealed class AddFragmentCommentCommand : FragmentCmdlet
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

        [Parameter(Mandatory = true, Position = 1)]
        [AllowEmptyString]
        public string Content { get; set; } = string.Empty;

        /// <summary>The piped object itself: a task or comment brings the session it came from.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            Guid uid = ExternalId != null ? ExternalIds.ToUid(ExternalId) : TaskUid;
            object target = (object?)ExternalId ?? uid;
            if (string.IsNullOrWhiteSpace(Content))
            {
                WriteError(ErrorMapper.Refused(ErrorIds.EmptyContent, ErrorCategory.InvalidArgument,
                    $"The comment for task {ExternalIds.Describe(uid, ExternalId)} is empty; give -Content some text.", target));
                return;
            }
            var body = new System.Text.Json.Nodes.JsonObject { ["content"] = Content }.ToJsonString();
            if (!TryGetInputSession(InputObject, target, out var session)) return;
            if (!ShouldProcess(DescribeTaskRequest(uid, InputObject, DescribeRequest("POST", ApiRoutes.Comments(uid), body, session), session), "Add comment")) return;
            session ??= CurrentSession;
            try
            {
                WriteComment(new FragmentComment(RunSync(ct => ClientFor(session).AddCommentAsync(uid, Content, ct))), session);
            }
            catch (FragmentApiException ex)
            {
                if (ex.Kind == FragmentErrorKind.OutcomeUnknown)
                {
                    ex = ex.WithMessage($"The comment on task {ExternalIds.Describe(uid, ExternalId)} may or may not have been added: {ex.Message} Check with Get-FragmentComment -TaskUid {uid} before adding it again.");
                }
                WriteApiError(ExternalIds.Explain(ex, uid, ExternalId), target);
            }
        }
    }
}
