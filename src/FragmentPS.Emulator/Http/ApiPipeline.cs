using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using FragmentPS.Emulator.Auth;
using FragmentPS.Emulator.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace FragmentPS.Emulator.Http
{
    /// <summary>
    /// What every /api/v1 request goes through, in order: fault latency; a fault that answers or drops it before
    /// processing; bearer auth (401); the rate limit (429 with Retry-After); the handler; a fault that drops or
    /// truncates the answer after processing; the statistics and the request journal. Unknown routes and wrong methods skip auth and the
    /// rate limit, as a FastAPI router answers them before any dependency runs.
    /// </summary>
    internal sealed class ApiPipeline
    {
        private readonly EmulatorState _state;
        private readonly ILogger _log;
        private readonly CancellationToken _stopping;

        public ApiPipeline(EmulatorState state, ILogger log, CancellationToken stopping)
        {
            _state = state;
            _log = log;
            _stopping = stopping;
        }

        public RequestDelegate Wrap(string route, ApiHandler handler, bool authenticate = true) =>
            http => RunAsync(http, route, handler, authenticate);

        private async Task RunAsync(HttpContext http, string route, ApiHandler handler, bool authenticate)
        {
            string method = http.Request.Method;
            byte[]? body = null;
            bool recorded = false;
            // Recorded before the answer goes out (or the connection drops), so a client that asks right after it
            // got its answer finds its request counted.
            void Record(int status)
            {
                if (recorded) return;
                recorded = true;
                _state.Stats.Record(method, route, status);
                string path = http.Request.Path.Value ?? string.Empty;
                if (path.StartsWith(Routes.ApiPrefix, StringComparison.Ordinal)) path = path.Substring(Routes.ApiPrefix.Length);
                _state.Journal.Record(method, path, route, http.Request.QueryString.Value, body, status, BearerToken(http.Request) ?? string.Empty);
            }

            try
            {
                FaultDecision fault = _state.Faults.Evaluate(method, route);
                if (fault.LatencyMs > 0) await DelayAsync(fault.LatencyMs, http.RequestAborted);
                FaultKind? kind = fault.Decider?.Kind;
                if (kind == FaultKind.DropBefore)
                {
                    body = await RequestBody.ForJournalAsync(http, _state.Options.MaxBodyBytes);
                    Record(0);
                    http.Abort();
                    return;
                }
                ApiResult result = kind == FaultKind.Status
                    ? Injected(fault.Decider!)
                    : await AdmitAsync(http, handler, authenticate);
                body = await RequestBody.ForJournalAsync(http, _state.Options.MaxBodyBytes);
                if (kind == FaultKind.DropAfter)
                {
                    Record(0);
                    http.Abort();
                    return;
                }
                if (kind == FaultKind.Truncate) result = new ApiResult(200, result.Body.AsSpan(0, result.Body.Length / 2).ToArray());
                Record(result.Status);
                await WriteAsync(http.Response, result);
            }
            catch (OperationCanceledException)
            {
                // The client went away or the emulator is stopping: nobody is left to answer.
                http.Abort();
            }
            catch (Exception ex)
            {
                _log.LogError(ex, "{Method} {Path} failed", method, http.Request.Path);
                if (!http.Response.HasStarted)
                {
                    Record(500);
                    await WriteAsync(http.Response, ApiResult.Detail(500, "Internal Server Error"));
                }
            }
            finally
            {
                Record(0);
            }
        }

        private async Task<ApiResult> AdmitAsync(HttpContext http, ApiHandler handler, bool authenticate)
        {
            if (authenticate)
            {
                string? token = BearerToken(http.Request);
                if (token is null) return ApiResult.Unauthorized("Not authenticated");
                switch (_state.Tokens.Check(token))
                {
                    case TokenCheck.Unknown: return ApiResult.Unauthorized("Invalid token");
                    case TokenCheck.Revoked: return ApiResult.Unauthorized("Token has been revoked");
                }
                if (!_state.RateLimiter.TryTake(token, out int retryAfter))
                {
                    return ApiResult.Detail(429,
                        $"Rate limit exceeded: {_state.RateLimiter.PerMinute} requests per minute. Retry after {retryAfter} s.", retryAfter);
                }
            }
            return await handler(http);
        }

        private static ApiResult Injected(FaultRule rule) => ApiResult.Detail(rule.Status,
            $"{ReasonPhrases.GetReasonPhrase(rule.Status)} (injected fault)", rule.RetryAfter);

        private async Task DelayAsync(int milliseconds, CancellationToken aborted)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping);
            await Task.Delay(milliseconds, either.Token);
        }

        private static string? BearerToken(HttpRequest request)
        {
            string? header = request.Headers.Authorization;
            const string scheme = "Bearer ";
            if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
            string token = header.Substring(scheme.Length).Trim();
            return token.Length == 0 ? null : token;
        }

        public static Task WriteAsync(HttpResponse response, ApiResult result)
        {
            response.StatusCode = result.Status;
            response.ContentType = "application/json";
            response.ContentLength = result.Body.Length;
            if (result.RetryAfterSeconds is int seconds) response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            if (result.BearerChallenge) response.Headers.WWWAuthenticate = "Bearer";
            return response.Body.WriteAsync(result.Body).AsTask();
        }
    }
}
