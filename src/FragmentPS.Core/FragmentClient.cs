using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Http;
using FragmentPS.Core.Models;
using FragmentPS.Core.Writes;

namespace FragmentPS.Core
{
    /// <summary>
    /// The Fragment API, typed. A cheap view over a shared <see cref="FragmentTransport"/>: each caller may take
    /// its own view with <see cref="WithObserver"/> to receive its own log events.
    /// </summary>
    public sealed class FragmentClient : IDisposable
    {
        /// <summary>The largest batch the API takes [DECIDED].</summary>
        public const int MaxBatchSize = 100;

        private readonly IRequestObserver _observer;
        private readonly bool _ownsTransport;

        public FragmentClient(FragmentClientOptions options, string token)
            : this(new FragmentTransport(options, token), NullObserver.Instance, ownsTransport: true)
        {
        }

        private FragmentClient(FragmentTransport transport, IRequestObserver observer, bool ownsTransport)
        {
            Transport = transport;
            _observer = observer;
            _ownsTransport = ownsTransport;
        }

        public FragmentTransport Transport { get; }

        public Uri BaseUri => Transport.BaseUri;

        public FragmentClient WithObserver(IRequestObserver observer) => new FragmentClient(Transport, observer, ownsTransport: false);

        // ---- account -------------------------------------------------------------------------------

        public Task<AccountRecord> GetAccountAsync(CancellationToken ct) =>
            Send(new ApiRequest("GET", ApiRoutes.AccountMe), FragmentJsonContext.Default.AccountRecord, ct);

        // ---- tasks ---------------------------------------------------------------------------------

        public Task<TaskRecord> GetTaskAsync(Guid uid, CancellationToken ct) =>
            SendTask(new ApiRequest("GET", ApiRoutes.Task(uid)), ct);

        /// <summary>
        /// POST /tasks: creates, and never changes a task that exists (a taken uid is refused with 403). With a uid
        /// chosen by the caller a repeat can never create a second task, so it is retried like PUT; without one it
        /// is never retried after an ambiguous failure.
        /// </summary>
        public Task<TaskRecord> CreateTaskAsync(TaskWrite task, CancellationToken ct) =>
            SendTask(new ApiRequest("POST", ApiRoutes.Tasks, task.ToJson(includeUid: true).ToJsonString()) { RepeatSafe = task.Uid.HasValue }, ct);

        /// <summary>POST /tasks/batch: creates up to <see cref="MaxBatchSize"/> tasks, all or nothing; retried as <see cref="CreateTaskAsync"/> is when every item has a uid.</summary>
        public Task<List<TaskRecord>> CreateTasksAsync(IReadOnlyList<TaskWrite> tasks, CancellationToken ct) =>
            SendBatch("POST", tasks, ct, repeatSafe: tasks.All(t => t.Uid.HasValue));

        /// <summary>
        /// Writes inputs so that each gets its own task or its own error (see <see cref="TaskWriter"/> for the
        /// protocol): refused items are dropped and the rest sent again in one request; a create never overwrites.
        /// </summary>
        public Task<TaskWriteResult> WriteTasksAsync(TaskWriteMode mode, IReadOnlyList<TaskWrite> writes, CancellationToken ct)
        {
            if (writes.Any(w => !w.Uid.HasValue))
                throw new FragmentApiException(FragmentErrorKind.InvalidArgument, "Every task to write needs its uid: the caller chooses it, so that a retry can never write it twice.");
            return new TaskWriter(this, mode).WriteAsync(writes, ct);
        }

        /// <summary>
        /// Reads up to <see cref="MaxBatchSize"/> tasks by uid in one request: a PATCH /tasks/batch whose items carry
        /// nothing but their uid, which changes nothing [DECIDED: a PATCH changes only the keys it sends, and
        /// updated_at moves only when something changed]. 404 naming the first uid that does not exist.
        /// </summary>
        public Task<List<TaskRecord>> ReadTasksAsync(IReadOnlyList<Guid> uids, CancellationToken ct) =>
            SendBatch("PATCH", uids.Select(uid => new TaskWrite { Uid = uid }).ToList(), ct);

        /// <summary>PUT: create-or-update under a uid the caller chose; a repeat changes nothing, so it is safe to retry.</summary>
        public Task<TaskRecord> PutTaskAsync(Guid uid, TaskWrite task, CancellationToken ct) =>
            SendTask(new ApiRequest("PUT", ApiRoutes.Task(uid), task.ToJson(includeUid: false).ToJsonString()), ct);

        public Task<TaskRecord> UpdateTaskAsync(Guid uid, TaskWrite changes, CancellationToken ct) =>
            SendTask(new ApiRequest("PATCH", ApiRoutes.Task(uid), changes.ToJson(includeUid: false).ToJsonString()), ct);

        /// <summary>
        /// DELETE: the deleted task; null when a retry found the task gone after an earlier attempt whose answer was
        /// lost (that attempt deleted it, so the deletion succeeded, but the task's last state is not known).
        /// </summary>
        public async Task<TaskRecord?> DeleteTaskAsync(Guid uid, CancellationToken ct)
        {
            try
            {
                return await SendTask(new ApiRequest("DELETE", ApiRoutes.Task(uid)), ct).ConfigureAwait(false);
            }
            catch (FragmentApiException ex) when (ex.Kind == FragmentErrorKind.NotFound && ex.MayHaveBeenApplied)
            {
                return null;
            }
        }

        /// <summary>PUT /tasks/batch: create-or-update up to <see cref="MaxBatchSize"/> tasks, all or nothing.</summary>
        public Task<List<TaskRecord>> PutTasksAsync(IReadOnlyList<TaskWrite> tasks, CancellationToken ct) =>
            SendBatch("PUT", tasks, ct);

        /// <summary>PATCH /tasks/batch: update up to <see cref="MaxBatchSize"/> tasks, all or nothing.</summary>
        public Task<List<TaskRecord>> UpdateTasksAsync(IReadOnlyList<TaskWrite> changes, CancellationToken ct) =>
            SendBatch("PATCH", changes, ct);

        public Task<Page<TaskRecord>> SearchTasksPageAsync(TaskQuery query, string? cursor, CancellationToken ct) =>
            SendPage(new ApiRequest("GET", ApiRoutes.Tasks).WithQuery(query.ToQueryParameters()), cursor,
                body => PageParser.Parse(body, TaskRecord.ReadFromPage, query.PageSize), ct);

        /// <summary>Every task of a search, page after page; no page is asked for beyond <paramref name="maxItems"/> tasks.</summary>
        public PagedResults<TaskRecord> SearchTasks(TaskQuery query, long maxItems = long.MaxValue) =>
            new PagedResults<TaskRecord>((cursor, token) => SearchTasksPageAsync(query, cursor, token), maxItems);

        // ---- comments ------------------------------------------------------------------------------

        /// <summary>POST: never retried after an ambiguous failure (the comment may have been added).</summary>
        public Task<CommentRecord> AddCommentAsync(Guid taskUid, string content, CancellationToken ct)
        {
            var body = new JsonObject { ["content"] = content };
            return Send(new ApiRequest("POST", ApiRoutes.Comments(taskUid), body.ToJsonString()), FragmentJsonContext.Default.CommentRecord, ct);
        }

        /// <summary>A task's comments, oldest first, <paramref name="pageSize"/> to a request.</summary>
        public PagedResults<CommentRecord> GetComments(Guid taskUid, int pageSize) =>
            new PagedResults<CommentRecord>((cursor, token) =>
            {
                var request = new ApiRequest("GET", ApiRoutes.Comments(taskUid));
                request.Query.Add(new KeyValuePair<string, string>("limit", pageSize.ToString(CultureInfo.InvariantCulture)));
                return SendPage(request, cursor, body => PageParser.Parse(body, FragmentJsonContext.Default.CommentRecord, pageSize), token);
            });

        // ---- any call ------------------------------------------------------------------------------

        /// <summary>Any API call with the session's auth, limits, retries and errors; the JSON answer as is.</summary>
        public Task<JsonElement> SendAsync(ApiRequest request, CancellationToken ct) =>
            Transport.SendAsync(request, body => body.Length == 0 ? default : JsonSerializer.Deserialize(body.Span, FragmentJsonContext.Default.JsonElement), _observer, ct);

        /// <summary>
        /// The items of any listing, following its cursors, as JSON. A <c>limit</c> among the request's query
        /// parameters is the most items a page may hold.
        /// </summary>
        public PagedResults<JsonElement> SendPaged(ApiRequest request)
        {
            var limitParameter = request.Query.LastOrDefault(p => p.Key == "limit").Value;
            int limit = int.TryParse(limitParameter, NumberStyles.None, CultureInfo.InvariantCulture, out int l) ? l : 0;
            return new PagedResults<JsonElement>((cursor, token) => SendPage(
                new ApiRequest(request.Method, request.Path, request.JsonBody) { RepeatSafe = request.RepeatSafe }.WithQuery(request.Query),
                cursor, body => PageParser.Parse(body, FragmentJsonContext.Default.JsonElement, limit), token));
        }

        /// <summary>The page of a listing at <paramref name="cursor"/> (null: the first page).</summary>
        private Task<Page<T>> SendPage<T>(ApiRequest request, string? cursor, Func<ReadOnlyMemory<byte>, Page<T>> parse, CancellationToken ct)
        {
            if (cursor != null) request.Query.Add(new KeyValuePair<string, string>("cursor", cursor));
            return Transport.SendAsync(request, parse, _observer, ct);
        }

        private async Task<List<TaskRecord>> SendBatch(string method, IReadOnlyList<TaskWrite> items, CancellationToken ct, bool repeatSafe = false)
        {
            if (items.Count == 0) return new List<TaskRecord>();
            if (items.Count > MaxBatchSize)
                throw new FragmentApiException(FragmentErrorKind.InvalidArgument, $"A batch takes at most {MaxBatchSize} items; {items.Count} were given.");
            var array = new JsonArray(items.Select(i => (JsonNode?)i.ToJson(includeUid: true)).ToArray());
            var body = new JsonObject { ["items"] = array };
            var request = new ApiRequest(method, ApiRoutes.TasksBatch, body.ToJsonString());
            if (repeatSafe) request.RepeatSafe = true;
            return await Transport.SendAsync(request, reply => BatchAnswer.Parse(reply, items.Count), _observer, ct).ConfigureAwait(false);
        }

        private Task<TaskRecord> SendTask(ApiRequest request, CancellationToken ct) =>
            Send(request, FragmentJsonContext.Default.TaskRecord, ct);

        private Task<T> Send<T>(ApiRequest request, JsonTypeInfo<T> type, CancellationToken ct) =>
            Transport.SendAsync(request, body => JsonSerializer.Deserialize(body.Span, type) ?? throw new JsonException("The answer is JSON null."), _observer, ct);

        public void Dispose()
        {
            if (_ownsTransport) Transport.Dispose();
        }
    }
}
