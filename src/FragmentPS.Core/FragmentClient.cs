using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Http;
using FragmentPS.Core.Models;

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
            Send<AccountRecord>(new ApiRequest("GET", ApiRoutes.AccountMe), ct);

        // ---- tasks ---------------------------------------------------------------------------------

        public Task<TaskRecord> GetTaskAsync(Guid uid, CancellationToken ct) =>
            SendTask(new ApiRequest("GET", ApiRoutes.Task(uid)), ct);

        /// <summary>POST: not idempotent, so never retried after an ambiguous failure. Prefer <see cref="PutTaskAsync"/>.</summary>
        public Task<TaskRecord> CreateTaskAsync(TaskWrite task, CancellationToken ct) =>
            SendTask(new ApiRequest("POST", ApiRoutes.Tasks, task.ToJson(includeUid: true).ToJsonString()), ct);

        /// <summary>PUT: create-or-update under a uid the caller chose; a repeat changes nothing, so it is safe to retry.</summary>
        public Task<TaskRecord> PutTaskAsync(Guid uid, TaskWrite task, CancellationToken ct) =>
            SendTask(new ApiRequest("PUT", ApiRoutes.Task(uid), task.ToJson(includeUid: false).ToJsonString()), ct);

        public Task<TaskRecord> UpdateTaskAsync(Guid uid, TaskWrite changes, CancellationToken ct) =>
            SendTask(new ApiRequest("PATCH", ApiRoutes.Task(uid), changes.ToJson(includeUid: false).ToJsonString()), ct);

        public Task<TaskRecord> DeleteTaskAsync(Guid uid, CancellationToken ct) =>
            SendTask(new ApiRequest("DELETE", ApiRoutes.Task(uid)), ct);

        /// <summary>PUT /tasks/batch: create-or-update up to <see cref="MaxBatchSize"/> tasks, all or nothing.</summary>
        public Task<List<TaskRecord>> PutTasksAsync(IReadOnlyList<TaskWrite> tasks, CancellationToken ct) =>
            SendBatch("PUT", tasks, ct);

        /// <summary>PATCH /tasks/batch: update up to <see cref="MaxBatchSize"/> tasks, all or nothing.</summary>
        public Task<List<TaskRecord>> UpdateTasksAsync(IReadOnlyList<TaskWrite> changes, CancellationToken ct) =>
            SendBatch("PATCH", changes, ct);

        public Task<Page<TaskRecord>> SearchTasksPageAsync(TaskQuery query, string? cursor, CancellationToken ct)
        {
            var request = new ApiRequest("GET", ApiRoutes.Tasks).WithQuery(query.ToQueryParameters());
            if (cursor != null) request.Query.Add(new KeyValuePair<string, string>("cursor", cursor));
            return Transport.SendAsync<Page<TaskRecord>>(request, (ResponseBody body) => TaskReader.ReadPage(body), _observer, ct);
        }

        /// <summary>Every page of a search, in order, following <c>next_cursor</c>.</summary>
        public PageStream<TaskRecord> SearchTasks(TaskQuery query, CancellationToken ct) =>
            new PageStream<TaskRecord>((cursor, token) => SearchTasksPageAsync(query, cursor, token), ct);

        // ---- comments ------------------------------------------------------------------------------

        /// <summary>POST: never retried after an ambiguous failure (the comment may have been added).</summary>
        public Task<CommentRecord> AddCommentAsync(Guid taskUid, string content, CancellationToken ct)
        {
            var body = new JsonObject { ["content"] = content };
            return Send<CommentRecord>(new ApiRequest("POST", ApiRoutes.Comments(taskUid), body.ToJsonString()), ct);
        }

        public PageStream<CommentRecord> GetComments(Guid taskUid, int pageSize, CancellationToken ct) =>
            new PageStream<CommentRecord>((cursor, token) =>
            {
                var request = new ApiRequest("GET", ApiRoutes.Comments(taskUid));
                request.Query.Add(new KeyValuePair<string, string>("limit", pageSize.ToString(CultureInfo.InvariantCulture)));
                if (cursor != null) request.Query.Add(new KeyValuePair<string, string>("cursor", cursor));
                return Send<Page<CommentRecord>>(request, token);
            }, ct);

        // ---- any call ------------------------------------------------------------------------------

        /// <summary>Any API call with the session's auth, limits, retries and errors; the JSON answer as is.</summary>
        public Task<JsonElement> SendAsync(ApiRequest request, CancellationToken ct) =>
            Transport.SendAsync(request, ParseElement, _observer, ct);

        private static JsonElement ParseElement(byte[] body)
        {
            if (body.Length == 0) return default;
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.Clone();
        }

        private async Task<List<TaskRecord>> SendBatch(string method, IReadOnlyList<TaskWrite> items, CancellationToken ct)
        {
            if (items.Count == 0) return new List<TaskRecord>();
            if (items.Count > MaxBatchSize)
                throw new FragmentApiException(FragmentErrorKind.InvalidArgument, $"A batch takes at most {MaxBatchSize} items; {items.Count} were given.");
            var array = new JsonArray(items.Select(i => (JsonNode?)i.ToJson(includeUid: true)).ToArray());
            var body = new JsonObject { ["items"] = array };
            return await Transport.SendAsync(new ApiRequest(method, ApiRoutes.TasksBatch, body.ToJsonString()), TaskReader.ReadItems, _observer, ct).ConfigureAwait(false);
        }

        private Task<TaskRecord> SendTask(ApiRequest request, CancellationToken ct) =>
            Transport.SendAsync(request, TaskReader.ReadTask, _observer, ct);

        private Task<T> Send<T>(ApiRequest request, CancellationToken ct) =>
            Transport.SendAsync(request, body => FragmentJson.Deserialize<T>(body), _observer, ct);

        public void Dispose()
        {
            if (_ownsTransport) Transport.Dispose();
        }
    }

    /// <summary>The API's paths, relative to the base URI.</summary>
    public static class ApiRoutes
    {
        public const string AccountMe = "accounts/me";
        public const string Tasks = "tasks";
        public const string TasksBatch = "tasks/batch";

        public static string Task(Guid uid) => "tasks/" + uid.ToString("D");
        public static string Comments(Guid taskUid) => "tasks/" + taskUid.ToString("D") + "/comments";
    }
}
