using System;
using System.Threading.Tasks;
using FragmentPS.Emulator.Admin;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace FragmentPS.Emulator.Http
{
    /// <summary>
    /// The route table: the contract's calls under /api/v1 (each through <see cref="ApiPipeline"/>, which needs
    /// the route template for faults and stats) and the admin calls under /_emulator (each behind
    /// <see cref="AdminGate"/>). A known path with another method answers 405, any other path 404, both with a
    /// <c>{"detail"}</c> body.
    /// </summary>
    internal static class Routes
    {
        public const string ApiPrefix = "/api/v1";
        public const string AdminPrefix = "/_emulator";
        public const string OtherRoute = "other";

        private static readonly ApiHandler NotFound = _ => Task.FromResult(ApiResult.NotFound());
        private static readonly ApiHandler MethodNotAllowed = _ => Task.FromResult(ApiResult.Detail(405, "Method Not Allowed"));

        public static void Map(WebApplication app, EmulatorState state, ApiPipeline pipeline)
        {
            var tasks = new TaskEndpoints(state);
            var batch = new BatchEndpoints(state);
            var comments = new CommentEndpoints(state);
            RouteGroupBuilder api = app.MapGroup(ApiPrefix);
            void Api(string template, params (string Method, ApiHandler Handler)[] methods) =>
                MapRoute(api, template, methods, handler => pipeline.Wrap(template, handler),
                    pipeline.Wrap(template, MethodNotAllowed, authenticate: false));

            Api("/accounts/me", ("GET", tasks.GetAccountAsync));
            Api("/tasks", ("GET", tasks.SearchAsync), ("POST", tasks.CreateAsync));
            Api("/tasks/batch", ("POST", batch.CreateAsync), ("PUT", batch.PutAsync), ("PATCH", batch.PatchAsync));
            Api("/tasks/{uid}", ("GET", tasks.GetAsync), ("PUT", tasks.PutAsync), ("PATCH", tasks.PatchAsync), ("DELETE", tasks.DeleteAsync));
            Api("/tasks/{uid}/comments", ("GET", comments.ListAsync), ("POST", comments.AddAsync));
            api.Map("/{**path}", pipeline.Wrap(OtherRoute, NotFound, authenticate: false));

            var admin = new AdminEndpoints(state);
            ILogger log = app.Logger;
            RouteGroupBuilder emulator = app.MapGroup(AdminPrefix);
            ApiHandler Gated(ApiHandler handler) => http => AdminGate.Refuse(http.Request, state.AdminKey) is { } refused
                ? Task.FromResult(refused)
                : handler(http);
            void Admin(string template, params (string Method, ApiHandler Handler)[] methods) =>
                MapRoute(emulator, template, methods, handler => Plain(Gated(handler), log), Plain(Gated(MethodNotAllowed), log));

            // Health says only that an emulator is there, so probes need no key.
            MapRoute(emulator, "/health", new (string, ApiHandler)[] { ("GET", AdminEndpoints.HealthAsync) }, handler => Plain(handler, log), Plain(MethodNotAllowed, log));
            Admin("/reset", ("POST", admin.ResetAsync));
            Admin("/seed", ("POST", admin.SeedAsync));
            Admin("/tasks", ("POST", admin.ImportAsync));
            Admin("/stats", ("GET", admin.StatsAsync), ("DELETE", admin.ClearStatsAsync));
            Admin("/requests", ("GET", admin.RequestsAsync), ("DELETE", admin.ClearRequestsAsync));
            Admin("/clock", ("GET", admin.ClockAsync), ("POST", admin.SetClockAsync));
            Admin("/tokens", ("POST", admin.TokensAsync));
            Admin("/faults", ("GET", admin.FaultsAsync), ("POST", admin.AddFaultsAsync), ("DELETE", admin.ClearFaultsAsync));
            emulator.Map("/{**path}", Plain(Gated(NotFound), log));
            app.Map("/{**path}", Plain(NotFound, log));
        }

        /// <summary>
        /// Maps each method of <paramref name="template"/>, then the same template for any method as the 405
        /// answer: routing prefers an endpoint that names the method over one that takes any method.
        /// </summary>
        private static void MapRoute(IEndpointRouteBuilder group, string template, (string Method, ApiHandler Handler)[] methods,
            Func<ApiHandler, RequestDelegate> wrap, RequestDelegate methodNotAllowed)
        {
            foreach ((string method, ApiHandler handler) in methods) group.MapMethods(template, new[] { method }, wrap(handler));
            group.Map(template, methodNotAllowed);
        }

        /// <summary>A handler outside /api/v1: no auth, limit, faults or stats; an exception still answers 500 as JSON.</summary>
        private static RequestDelegate Plain(ApiHandler handler, ILogger log) => async http =>
        {
            ApiResult result;
            try
            {
                result = await handler(http);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "{Method} {Path} failed", http.Request.Method, http.Request.Path);
                result = ApiResult.Detail(500, "Internal Server Error");
            }
            await ApiPipeline.WriteAsync(http.Response, result);
        };
    }
}
