using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FragmentPS.Core;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Models;
using FragmentPS.Core.Writes;

namespace FragmentPS
{
    /// <summary>
    /// The base of cmdlets that write tasks from a pipeline (New-, Set-FragmentTask). Inputs are gathered into
    /// batches of up to 100 and sent with one batch request, so 1,000 CSV rows cost about 10 requests of the
    /// account's 60 a minute; each input still gets its own output object or its own error, and a batch refused
    /// for some items goes again, once, without them.
    /// </summary>
    public abstract class TaskBatchCmdlet : FragmentCmdlet
    {
        private readonly List<PendingWrite> _pending = new List<PendingWrite>();

        /// <summary>Inputs per batch request (1 sends each input on its own).</summary>
        [Parameter]
        [ValidateRange(1, FragmentClient.MaxBatchSize)]
        public int BatchSize { get; set; } = FragmentClient.MaxBatchSize;

        // Native keys that New- and Set-FragmentTask both write, beside the task's fields.

        /// <summary>The queue the task belongs to.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Guid? QueueUid { get; set; }

        /// <summary>The user the task is assigned to.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Guid? AssigneeUid { get; set; }

        /// <summary>The user the task is assigned to, by e-mail address.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AssigneeEmail { get; set; }

        /// <summary>The parent task.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Guid? ParentUid { get; set; }

        /// <summary>Whether the written task goes to the pipeline.</summary>
        protected abstract bool EmitResults { get; }

        /// <summary>What the writes do with the uids they name: create, upsert or update.</summary>
        protected abstract TaskWriteMode Mode { get; }

        // Inputs answered so far, for the message of an error that stops the command.
        private int _written;
        private int _refused;

        /// <summary>
        /// The ShouldProcess action: <paramref name="action"/>, and, when inputs come from the pipeline (the only
        /// case where several are gathered), that they go together as <paramref name="batchRequest"/>.
        /// </summary>
        protected string BatchAction(string action, string batchRequest) =>
            MyInvocation.ExpectingInput ? $"{action} (piped inputs go together as {batchRequest})" : action;

        /// <summary>
        /// Queues one input (its uid set) for <paramref name="session"/> (null: the cmdlet's session); sends when a
        /// batch is full, and first sends what is queued for another session, so a batch never mixes accounts.
        /// </summary>
        protected void Enqueue(TaskWrite write, object? target, FragmentSession? session)
        {
            session ??= CurrentSession;
            if (_pending.Count > 0 && !ReferenceEquals(_pendingSession, session)) Flush();
            _pendingSession = session;
            _pending.Add(new PendingWrite(write, target));
            if (_pending.Count >= BatchSize) Flush();
        }

        private FragmentSession? _pendingSession;

        protected override void EndProcessing()
        {
            Flush();
            base.EndProcessing();
        }

        /// <summary>
        /// Sends the queued inputs (see <see cref="FragmentClient.WriteTasksAsync"/>): each gets its task or its own
        /// error. An error that no input can get past ends the command, saying how many inputs were sent and how many not.
        /// </summary>
        private void Flush()
        {
            if (_pending.Count == 0) return;
            var batch = _pending.ToList();
            _pending.Clear();
            var session = _pendingSession!;
            var client = ClientFor(session);
            TaskWriteResult result;
            try
            {
                result = RunSync(ct => client.WriteTasksAsync(Mode, batch.Select(p => p.Write).ToList(), ct));
            }
            catch (FragmentApiException ex)
            {
                ThrowStopped(ex, batch.Count);
                return;
            }
            for (int i = 0; i < batch.Count; i++)
            {
                var outcome = result.Items[i];
                if (outcome.Task != null)
                {
                    _written++;
                    if (outcome.AlreadyHeld)
                        WriteVerbose($"Task {outcome.Task.Uid} already holds what was asked (an earlier attempt or run created it); nothing was written.");
                    var task = new FragmentTask(outcome.Task);
                    if (EmitResults) WriteTask(task, session);
                    else LinkTask(task, session);
                }
                else if (outcome.Error != null)
                {
                    _refused++;
                    WriteApiError(outcome.Error, batch[i].Target);
                }
            }
            if (result.StoppedBy != null) ThrowStopped(result.StoppedBy, result.Items.Count(o => !o.IsAnswered));
        }

        /// <summary>The one error for the whole command; it names no input, as it concerns them all.</summary>
        private void ThrowStopped(FragmentApiException cause, int notAnswered)
        {
            string unknown = cause.MayHaveBeenApplied ? ", or written without their answer reaching us (check them before sending them again)" : string.Empty;
            string message = $"{cause.Message} The command stopped, as no input can get past this error: {_written + _refused} inputs were sent and answered ({_written} written, {_refused} refused with their own error); {notAnswered} were not written{unknown}; the rest of the pipeline was not read.";
            ThrowApiError(cause.WithMessage(message), null);
        }

        private sealed record PendingWrite(TaskWrite Write, object? Target);
    }
}
