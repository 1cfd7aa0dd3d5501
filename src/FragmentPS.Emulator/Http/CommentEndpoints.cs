using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using FragmentPS.Emulator.Json;
using FragmentPS.Emulator.Search;
using FragmentPS.Emulator.Store;
using FragmentPS.Emulator.Validation;
using Microsoft.AspNetCore.Http;

namespace FragmentPS.Emulator.Http
{
    /// <summary>POST and GET /tasks/{uid}/comments. Comments list as pages ordered by created_at then uid.</summary>
    internal sealed class CommentEndpoints
    {
        private static readonly SortedSet<KeysetEntry<Comment>> NoComments = KeysetEntry<Comment>.NewIndex();

        private readonly EmulatorState _state;

        public CommentEndpoints(EmulatorState state) => _state = state;

        public async Task<ApiResult> AddAsync(HttpContext http)
        {
            var errors = new ValidationErrors();
            Guid taskUid = ApiInput.PathUid(http, errors);
            (JsonElement body, ApiResult? bodyRefused) = await ApiInput.BodyAsync(http, _state, errors);
            if (bodyRefused is { } refused) return refused;
            string? content = ApiInput.IsPresent(body) ? ReadContent(body, errors) : null;
            if (errors.Any || content is null) return ApiResult.Invalid(errors);

            Comment? comment = _state.Store.Write(store =>
            {
                if (store.Get(taskUid) is null) return null;
                var added = new Comment(Guid.NewGuid(), taskUid, content, store.Now);
                store.AddComment(added);
                return added;
            });
            return comment is null ? TaskEndpoints.TaskNotFound(taskUid) : ApiResult.Ok(comment.Json);
        }

        public Task<ApiResult> ListAsync(HttpContext http)
        {
            var errors = new ValidationErrors();
            Guid taskUid = ApiInput.PathUid(http, errors);
            int limit = Math.Min(50, _state.Options.MaxPageSize);
            Cursor? cursor = null;
            foreach (KeyValuePair<string, List<string>> parameter in QueryParameters.Parse(http.Request.QueryString.Value))
            {
                var values = new QueryValues(parameter.Key, parameter.Value, errors);
                if (parameter.Key == "limit") limit = values.LastInt(1, _state.Options.MaxPageSize) ?? limit;
                else if (parameter.Key == "cursor") cursor = values.LastCursor(CursorKind.Comments);
            }
            if (errors.Any) return Task.FromResult(ApiResult.Invalid(errors));

            // Comments never change once added, so the page needs no snapshot: a plain keyset walk is stable.
            (KeysetPage<Comment> Page, int Total)? found = _state.Store.Read<(KeysetPage<Comment>, int)?>(store =>
            {
                if (store.Get(taskUid) is null) return null;
                SortedSet<KeysetEntry<Comment>> comments = store.Comments(taskUid) ?? NoComments;
                return (KeysetPager.Read(comments, false, cursor?.Position, limit, entry => entry.Value)!, comments.Count);
            });
            if (found is not { } list) return Task.FromResult(TaskEndpoints.TaskNotFound(taskUid));

            return Task.FromResult(ApiResult.Ok(PageJson.Write(list.Page, comment => comment.Json, limit, cursor?.Position,
                position => new Cursor(CursorKind.Comments, SortField.CreatedAt, false, position, 0).Encode(), list.Total)));
        }

        /// <summary>The comment text: a non-empty string under "content".</summary>
        private static string? ReadContent(JsonElement body, ValidationErrors errors)
        {
            IReadOnlyList<object> loc = ApiInput.BodyLoc;
            if (!errors.RequireObject(body, loc)) return null;
            if (!body.TryGetProperty("content", out JsonElement content)) errors.Missing(loc, "content", body);
            else if (content.ValueKind != JsonValueKind.String) errors.Add("string_type", loc, "content", "Input should be a valid string", content);
            else if (content.GetString()!.Length == 0) errors.Add("string_too_short", loc, "content", "String should have at least 1 character", content);
            else return content.GetString();
            return null;
        }
    }
}
