using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Models;

namespace FragmentPS.Core.Writes
{
    /// <summary>
    /// Writes up to <see cref="FragmentClient.MaxBatchSize"/> inputs so that each gets its task or its own error.
    /// <list type="number">
    /// <item>All pending inputs go in one request (one input: the single-task route; more: <c>/tasks/batch</c>).</item>
    /// <item>The API takes a batch all or nothing. A refusal that names items (a 422 entry under
    /// <c>items[i]</c>, a 404 or 403 <c>items[i]: ...</c>) gives each named input its own error, and the rest go
    /// again in one request without them. A refusal that names no item (401, 403 on the account, a transport
    /// that gave up) stops the write: no input can get past it.</item>
    /// <item>A create (POST, uids chosen by the caller) never changes a task. A uid that is taken is answered
    /// 403 and nothing is written; the stored task is then read and compared with the input: when it holds
    /// what was asked (a retry whose first answer was lost, a rerun of the same import) the input's result is
    /// that task, otherwise its error is <see cref="FragmentErrorKind.AlreadyExists"/>. The first time a batch
    /// meets a taken uid, every pending uid is read in one no-op PATCH /tasks/batch: when they all exist (a
    /// rerun, a retry) that settles the batch in one request instead of one per input.</item>
    /// <item>An input missing from a 200 answer gets <see cref="FragmentErrorKind.OutcomeUnknown"/>.</item>
    /// </list>
    /// </summary>
    internal sealed class TaskWriter
    {
        private readonly FragmentClient _client;
        private readonly TaskWriteMode _mode;

        public TaskWriter(FragmentClient client, TaskWriteMode mode)
        {
            _client = client;
            _mode = mode;
        }

        public async Task<TaskWriteResult> WriteAsync(IReadOnlyList<TaskWrite> writes, CancellationToken ct)
        {
            var outcomes = writes.Select(w => new TaskWriteOutcome(w)).ToList();
            var pending = new List<TaskWriteOutcome>(outcomes);
            // Creates whose uid was found taken: the stored task decides (read once, below).
            var taken = new Dictionary<TaskWriteOutcome, TaskRecord?>();
            FragmentApiException? lastTakenRefusal = null;
            bool probed = false;
            // Each round answers or removes at least one input; the bound only guards against a server that says otherwise.
            for (int round = 0; pending.Count > 0; round++)
            {
                if (round > writes.Count + 1) return Stop(outcomes, Unexpected("the API kept refusing the batch without naming new items"));
                try
                {
                    Assign(pending, await SendAsync(pending, ct).ConfigureAwait(false));
                    pending.Clear();
                }
                catch (FragmentApiException ex)
                {
                    List<TaskWriteOutcome>? named = Named(ex, pending);
                    if (named == null) return Stop(outcomes, ex);
                    if (IsTakenUid(ex))
                    {
                        lastTakenRefusal = ex;
                        if (!probed && pending.Count > 1)
                        {
                            probed = true;
                            var stored = await TryReadAllAsync(pending, ct).ConfigureAwait(false);
                            if (stored != null)
                            {
                                for (int i = 0; i < pending.Count; i++) taken[pending[i]] = stored[i];
                                pending.Clear();
                                continue;
                            }
                        }
                        foreach (var item in named) taken[item] = null;
                    }
                    else
                    {
                        foreach (var item in named) item.Error = ForItem(ex, item, named.Count == pending.Count && pending.Count == 1);
                    }
                    pending.RemoveAll(named.Contains);
                }
            }
            if (taken.Count > 0)
            {
                FragmentApiException? stop = await DecideTakenAsync(taken, lastTakenRefusal!, ct).ConfigureAwait(false);
                if (stop != null) return Stop(outcomes, stop);
            }
            return new TaskWriteResult(outcomes, null);
        }

        private Task<List<TaskRecord>> SendAsync(List<TaskWriteOutcome> items, CancellationToken ct)
        {
            if (items.Count == 1)
            {
                TaskWrite write = items[0].Write;
                return One(_mode == TaskWriteMode.Create ? _client.CreateTaskAsync(write, ct)
                    : _mode == TaskWriteMode.Upsert ? _client.PutTaskAsync(write.Uid!.Value, write, ct)
                    : _client.UpdateTaskAsync(write.Uid!.Value, write, ct));
            }
            var writes = items.Select(i => i.Write).ToList();
            return _mode == TaskWriteMode.Create ? _client.CreateTasksAsync(writes, ct)
                : _mode == TaskWriteMode.Upsert ? _client.PutTasksAsync(writes, ct)
                : _client.UpdateTasksAsync(writes, ct);
        }

        private static async Task<List<TaskRecord>> One(Task<TaskRecord> call) => new List<TaskRecord> { await call.ConfigureAwait(false) };

        /// <summary>Each input's task from a 200 answer: by position when the uids line up, else by uid.</summary>
        private static void Assign(List<TaskWriteOutcome> sent, List<TaskRecord> answer)
        {
            var byUid = new Dictionary<Guid, TaskRecord>();
            foreach (var record in answer) byUid[record.Uid] = record;
            for (int i = 0; i < sent.Count; i++)
            {
                Guid uid = sent[i].Write.Uid!.Value;
                if (i < answer.Count && answer[i].Uid == uid) sent[i].Task = answer[i];
                else if (byUid.TryGetValue(uid, out var record)) sent[i].Task = record;
                else
                {
                    sent[i].Error = new FragmentApiException(FragmentErrorKind.OutcomeUnknown,
                        $"The API answered the write of {sent.Count} tasks without task {uid}, so whether it was written is unknown. Check with Get-FragmentTask -Uid {uid} before writing it again.");
                }
            }
        }

        /// <summary>The inputs a refusal is about; null when it is about the whole call.</summary>
        private List<TaskWriteOutcome>? Named(FragmentApiException ex, List<TaskWriteOutcome> sent)
        {
            // The single-task routes: the refusal is this input's, unless it concerns the token, the account or the transport.
            if (sent.Count == 1) return IsTakenUid(ex) || ex.StatusCode is 400 or 404 or 422 ? new List<TaskWriteOutcome> { sent[0] } : null;
            if (ex.ItemIndexes == null || ex.ItemIndexes.Any(i => i >= sent.Count)) return null;
            return ex.ItemIndexes.Select(i => sent[i]).ToList();
        }

        /// <summary>A create refused with 403: the uid is taken (for a single create, confirmed by reading it).</summary>
        private bool IsTakenUid(FragmentApiException ex) => _mode == TaskWriteMode.Create && ex.StatusCode == 403;

        private static FragmentApiException ForItem(FragmentApiException ex, TaskWriteOutcome item, bool alone)
        {
            if (alone) return ex;
            var error = ex.WithMessage($"Task {item.Write.Uid} was refused (the rest of its batch was sent again without it): {ex.Message}");
            if (ex.ItemIndexes?.Count != 1) error.Field = null;
            return error;
        }

        /// <summary>Every pending uid read in one request; null when one of them does not exist.</summary>
        private async Task<List<TaskRecord>?> TryReadAllAsync(List<TaskWriteOutcome> items, CancellationToken ct)
        {
            try
            {
                var stored = await _client.ReadTasksAsync(items.Select(i => i.Write.Uid!.Value).ToList(), ct).ConfigureAwait(false);
                return stored.Count == items.Count && stored.Select(s => s.Uid).SequenceEqual(items.Select(i => i.Write.Uid!.Value)) ? stored : null;
            }
            catch (FragmentApiException ex) when (ex.StatusCode == 404 || ex.StatusCode == 422)
            {
                return null;
            }
        }

        /// <summary>Compares each create whose uid was taken with the stored task; an error when nothing can be read.</summary>
        private async Task<FragmentApiException?> DecideTakenAsync(Dictionary<TaskWriteOutcome, TaskRecord?> taken, FragmentApiException refusal, CancellationToken ct)
        {
            var unread = taken.Where(t => t.Value == null).Select(t => t.Key).ToList();
            while (unread.Count > 0)
            {
                try
                {
                    List<TaskRecord> stored = unread.Count == 1
                        ? new List<TaskRecord> { await _client.GetTaskAsync(unread[0].Write.Uid!.Value, ct).ConfigureAwait(false) }
                        : await _client.ReadTasksAsync(unread.Select(i => i.Write.Uid!.Value).ToList(), ct).ConfigureAwait(false);
                    var byUid = stored.GroupBy(s => s.Uid).ToDictionary(g => g.Key, g => g.First());
                    foreach (var item in unread)
                    {
                        if (byUid.TryGetValue(item.Write.Uid!.Value, out var record)) taken[item] = record;
                        else item.Error = Vanished(item);
                    }
                    unread.Clear();
                }
                catch (FragmentApiException ex) when (ex.StatusCode == 404)
                {
                    if (unread.Count == 1)
                    {
                        // A single create refused with 403 for a uid that does not exist: the 403 was about the account.
                        if (taken.Count == 1 && refusal.ItemIndexes == null) return refusal;
                        unread[0].Error = Vanished(unread[0]);
                        unread.Clear();
                    }
                    else if (ex.ItemIndexes?.Count > 0 && ex.ItemIndexes.All(i => i < unread.Count))
                    {
                        var gone = ex.ItemIndexes.Select(i => unread[i]).ToList();
                        foreach (var item in gone) item.Error = Vanished(item);
                        unread.RemoveAll(gone.Contains);
                    }
                    else
                    {
                        return ex;
                    }
                }
                catch (FragmentApiException ex)
                {
                    return ex;
                }
            }
            foreach (var pair in taken)
            {
                if (pair.Value == null) continue;
                IReadOnlyList<string> differences = StoredTaskMatch.Differences(pair.Key.Write, pair.Value);
                if (differences.Count == 0)
                {
                    pair.Key.Task = pair.Value;
                    pair.Key.AlreadyHeld = true;
                }
                else
                {
                    Guid uid = pair.Key.Write.Uid!.Value;
                    pair.Key.Error = new FragmentApiException(FragmentErrorKind.AlreadyExists,
                        $"Task {uid} already exists and holds other values for {string.Join(", ", differences)}; nothing was changed. Give -Force to overwrite it with this input, or change it with Set-FragmentTask.")
                    {
                        StatusCode = 403,
                        Request = refusal.Request,
                        Field = differences[0],
                    };
                }
            }
            return null;
        }

        private static FragmentApiException Vanished(TaskWriteOutcome item) =>
            new FragmentApiException(FragmentErrorKind.OutcomeUnknown,
                $"Task {item.Write.Uid} was not created because its uid was taken, yet it was gone when read back (deleted meanwhile?); nothing was written for this input. Run it again to create it.");

        private static FragmentApiException Unexpected(string what) =>
            new FragmentApiException(FragmentErrorKind.InvalidResponse, $"The write stopped: {what}.");

        private static TaskWriteResult Stop(List<TaskWriteOutcome> outcomes, FragmentApiException cause) => new TaskWriteResult(outcomes, cause);
    }
}
