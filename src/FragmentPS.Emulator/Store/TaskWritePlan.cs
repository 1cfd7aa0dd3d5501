using System;
using System.Collections.Generic;
using FragmentPS.Emulator.Http;
using FragmentPS.Emulator.Validation;

namespace FragmentPS.Emulator.Store
{
    /// <summary>
    /// The writes of one request (one task, or every item of a batch) checked against the store in order, seeing
    /// the earlier items' effects, and applied only once every item passed: all-or-nothing. Runs inside
    /// <see cref="TaskStore.Write{T}"/>, so nothing else writes between the checks and the commit.
    /// </summary>
    internal sealed class TaskWritePlan
    {
        private readonly ITaskWriter _store;
        private readonly Dictionary<Guid, StoredTask> _pending = new Dictionary<Guid, StoredTask>();
        private readonly List<StoredTask> _changed = new List<StoredTask>();

        private TaskWritePlan(ITaskWriter store) => _store = store;

        /// <summary>
        /// One store write: <paramref name="plan"/> adds the request's items (stopping at the first refusal), and
        /// they are committed only when none was refused. The refusal, or the task each item leaves behind.
        /// </summary>
        public static (ApiResult? Refused, List<StoredTask> Results) Run(TaskStore store, Func<TaskWritePlan, ApiResult?> plan) =>
            store.Write<(ApiResult?, List<StoredTask>)>(writer =>
            {
                var planned = new TaskWritePlan(writer);
                ApiResult? refused = plan(planned);
                if (refused is null) planned.Commit();
                return (refused, planned.Results);
            });

        /// <summary>The task each item leaves behind, in item order.</summary>
        public List<StoredTask> Results { get; } = new List<StoredTask>();

        /// <summary>
        /// Checks one item and plans its change; on failure, the answer for the whole request. <paramref name="item"/>
        /// names the batch index in messages ("items[3]: ..."); <paramref name="loc"/> is where its body sits.
        /// </summary>
        public ApiResult? Add(WriteMode mode, Guid uid, TaskPatch patch, IReadOnlyList<object> loc, int? item)
        {
            string label = item is int index ? $"items[{index}]: " : string.Empty;
            StoredTask? current = _pending.TryGetValue(uid, out StoredTask? planned) ? planned : _store.Get(uid);
            StoredTask? next;
            if (current is null)
            {
                if (mode == WriteMode.Update) return ApiResult.NotFound($"{label}Task {uid} not found");
                if (!patch.HasTitle) return MissingTitle(patch, loc);
                next = TaskMutations.Create(uid, patch, _store.Now);
            }
            else
            {
                if (mode == WriteMode.Create) return ApiResult.Detail(403, $"{label}Task {uid} already exists");
                next = TaskMutations.Update(current, patch, _store.Now);
            }
            if (next is not null)
            {
                _pending[uid] = next;
                _changed.Add(next);
            }
            Results.Add(next ?? current!);
            return null;
        }

        /// <summary>Applies every planned change as one store version.</summary>
        private void Commit()
        {
            foreach (StoredTask task in _changed) _store.Put(task);
        }

        /// <summary>The 422 for a create without <c>fields.title</c>.</summary>
        private static ApiResult MissingTitle(TaskPatch patch, IReadOnlyList<object> loc)
        {
            var errors = new ValidationErrors();
            errors.MissingTitle(patch, loc);
            return ApiResult.Invalid(errors);
        }
    }
}
