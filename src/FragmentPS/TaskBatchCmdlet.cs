using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using FragmentPS.Core;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Models;

namespace FragmentPS
{
    /// <summary>
    /// The base of cmdlets that write tasks from a pipeline (New-, Set-FragmentTask). Inputs are gathered into
    /// batches of up to 100 and sent with one batch request, so 1,000 CSV rows cost about 10 requests of the
    /// account's 60 a minute; each input still gets its own output object or its own error.
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

        /// <summary>Sends one input (used for a single input, and for each input of a refused batch).</summary>
        protected abstract Task<TaskRecord> SendOne(FragmentClient client, TaskWrite write, CancellationToken ct);

        /// <summary>Sends a batch, all or nothing.</summary>
        protected abstract Task<List<TaskRecord>> SendBatch(FragmentClient client, IReadOnlyList<TaskWrite> writes, CancellationToken ct);

        /// <summary>Queues one input (its uid set); sends when a batch is full.</summary>
        protected void Enqueue(TaskWrite write, object? target)
        {
            _pending.Add(new PendingWrite(write, target));
            if (_pending.Count >= BatchSize) Flush();
        }

        protected override void EndProcessing() => Flush();

        private void Flush()
        {
            if (_pending.Count == 0) return;
            var batch = _pending.ToList();
            _pending.Clear();
            if (batch.Count == 1)
            {
                SendEach(batch);
                return;
            }
            List<TaskRecord> written;
            try
            {
                written = RunSync(ct => SendBatch(Client, batch.Select(p => p.Write).ToList(), ct));
            }
            catch (FragmentApiException ex) when (ex.Kind == FragmentErrorKind.InvalidArgument || ex.Kind == FragmentErrorKind.NotFound
                                                  || ex.Kind == FragmentErrorKind.PermissionDenied)
            {
                // All or nothing: one bad input refused the whole batch. Sending each on its own (safe: PUT and
                // PATCH are idempotent) gives every good input its result and every bad one its own error.
                WriteVerbose($"The batch of {batch.Count} was refused ({ex.Message}); sending its inputs one by one.");
                SendEach(batch);
                return;
            }
            catch (FragmentApiException ex)
            {
                foreach (var p in batch) WriteApiError(ex, p.Target);
                return;
            }
            var byUid = new Dictionary<Guid, TaskRecord>();
            foreach (var record in written) byUid[record.Uid] = record;
            foreach (var p in batch)
            {
                if (p.Write.Uid.HasValue && byUid.TryGetValue(p.Write.Uid.Value, out var record)) Emit(record);
            }
        }

        private void SendEach(List<PendingWrite> inputs)
        {
            foreach (var p in inputs)
            {
                try { Emit(RunSync(ct => SendOne(Client, p.Write, ct))); }
                catch (FragmentApiException ex) { WriteApiError(ex, p.Target); }
            }
        }

        private void Emit(TaskRecord record)
        {
            var task = OutputMapper.ToTask(record);
            CurrentSession.Remember(task);
            if (EmitResults) WriteTask(task);
        }

        private sealed class PendingWrite
        {
            public PendingWrite(TaskWrite write, object? target)
            {
                Write = write;
                Target = target;
            }

            public TaskWrite Write { get; }
            public object? Target { get; }
        }
    }
}
