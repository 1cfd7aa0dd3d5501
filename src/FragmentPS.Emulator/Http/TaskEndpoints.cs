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
    /// <summary>The account and single-task calls: /accounts/me, /tasks (search, create) and /tasks/{uid}.</summary>
    internal sealed class TaskEndpoints
    {
        private readonly EmulatorState _state;

        public TaskEndpoints(EmulatorState state) => _state = state;

        public Task<ApiResult> GetAccountAsync(HttpContext http) => Task.FromResult(ApiResult.Ok(JsonBodies.Serialize(new
        {
            Uid = _state.AccountUid,
            Name = "Fragment Emulator",
            CreatedAt = IsoDates.ToText(_state.StartedAt),
            UpdatedAt = IsoDates.ToText(_state.StartedAt),
        })));

        public Task<ApiResult> SearchAsync(HttpContext http)
        {
            var errors = new ValidationErrors();
            SearchCriteria criteria = SearchCriteria.Parse(http.Request.QueryString.Value, _state.Options.MaxPageSize, errors);
            return Task.FromResult(errors.Any ? ApiResult.Invalid(errors) : ApiResult.Ok(TaskSearch.Run(_state.Store, criteria, _state.TotalCounts)));
        }

        public Task<ApiResult> GetAsync(HttpContext http)
        {
            var errors = new ValidationErrors();
            Guid uid = ApiInput.PathUid(http, errors);
            if (errors.Any) return Task.FromResult(ApiResult.Invalid(errors));
            StoredTask? task = _state.Store.Read(store => store.Get(uid));
            return Task.FromResult(task is null ? TaskNotFound(uid) : ApiResult.Ok(task.Json));
        }

        public Task<ApiResult> CreateAsync(HttpContext http) => WriteAsync(http, WriteMode.Create);

        public Task<ApiResult> PutAsync(HttpContext http) => WriteAsync(http, WriteMode.Upsert);

        public Task<ApiResult> PatchAsync(HttpContext http) => WriteAsync(http, WriteMode.Update);

        public Task<ApiResult> DeleteAsync(HttpContext http)
        {
            var errors = new ValidationErrors();
            Guid uid = ApiInput.PathUid(http, errors);
            if (errors.Any) return Task.FromResult(ApiResult.Invalid(errors));
            StoredTask? deleted = _state.Store.Write(store =>
            {
                StoredTask? task = store.Get(uid);
                if (task is not null) store.Delete(uid);
                return task;
            });
            return Task.FromResult(deleted is null ? TaskNotFound(uid) : ApiResult.Ok(deleted.Json));
        }

        public static ApiResult TaskNotFound(Guid uid) => ApiResult.NotFound($"Task {uid} not found");

        /// <summary>POST /tasks, PUT and PATCH /tasks/{uid}: one item through the same plan a batch uses.</summary>
        private async Task<ApiResult> WriteAsync(HttpContext http, WriteMode mode)
        {
            var errors = new ValidationErrors();
            Guid? pathUid = mode == WriteMode.Create ? null : ApiInput.PathUid(http, errors);
            (JsonElement body, ApiResult? bodyRefused) = await ApiInput.BodyAsync(http, _state, errors);
            if (bodyRefused is { } refused) return refused;
            TaskPatch? patch = ApiInput.IsPresent(body) ? TaskPatchParser.Parse(body, ApiInput.BodyLoc, errors) : null;
            if (patch is not null)
            {
                if (mode == WriteMode.Create && !patch.HasTitle) errors.MissingTitle(patch, ApiInput.BodyLoc);
                if (pathUid is Guid inPath && patch.Uid.IsSet && patch.Uid.Value != inPath)
                {
                    errors.Add("value_error", ApiInput.BodyLoc, "uid", "Value error, the uid in the body differs from the uid in the path",
                        patch.Body.GetProperty("uid"));
                }
            }
            if (errors.Any || patch is null) return ApiResult.Invalid(errors);

            Guid uid = pathUid ?? (patch.Uid.IsSet ? patch.Uid.Value : Guid.NewGuid());
            (ApiResult? failure, List<StoredTask> tasks) = TaskWritePlan.Run(_state.Store, plan => plan.Add(mode, uid, patch, ApiInput.BodyLoc, item: null));
            return failure ?? ApiResult.Ok(tasks[0].Json);
        }
    }
}
