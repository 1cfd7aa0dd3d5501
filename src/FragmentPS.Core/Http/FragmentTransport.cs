using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Resilience;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;
using RestSharp;

namespace FragmentPS.Core.Http
{
    /// <summary>
    /// The one HTTP path of a session: ONE RestClient (connections reused), the token's shared rate limiter, the
    /// Polly pipeline (retry, then the limiter, then the per-attempt timeout) and error typing. Thread-safe;
    /// shared by every cmdlet call of the session.
    /// </summary>
    public sealed class FragmentTransport : IDisposable
    {
        // What one call carries through the pipeline, in Polly's context.
        private static readonly ResiliencePropertyKey<Call> CallKey = new ResiliencePropertyKey<Call>("FragmentPS.Call");
        private static readonly ResiliencePropertyKey<long> StartedKey = new ResiliencePropertyKey<long>("FragmentPS.Started");
        private static readonly ResiliencePropertyKey<int> AttemptsKey = new ResiliencePropertyKey<int>("FragmentPS.Attempts");
        private static readonly ResiliencePropertyKey<int> CountedRetriesKey = new ResiliencePropertyKey<int>("FragmentPS.CountedRetries");
        private static readonly ResiliencePropertyKey<bool> MayHaveBeenAppliedKey = new ResiliencePropertyKey<bool>("FragmentPS.MayHaveBeenApplied");

        private readonly RestClient _rest;
        private readonly string _authorization;
        private readonly SecretRedactor _redactor;
        private readonly AdaptiveRateLimiter _limiter;
        private readonly bool _waitForLimiter;
        private readonly RetryOptions _retry;
        private readonly TimeProvider _time = TimeProvider.System;
        private readonly ResiliencePipeline<Attempt> _pipeline;
        // Set by the first HTTP answer of any status: from then on a connect failure is an outage (see RetryTable).
        private volatile bool _serverAnswered;
        private string? _notedLimiterProblem;
        // Random is not thread-safe, and one session serves parallel runspaces: one generator per thread.
        private static readonly ThreadLocal<Random> Jitter = new ThreadLocal<Random>(() => new Random(Guid.NewGuid().GetHashCode()));

        public FragmentTransport(FragmentClientOptions options, string token)
        {
            if (string.IsNullOrWhiteSpace(token)) throw new FragmentApiException(FragmentErrorKind.Configuration, "The token is empty.");
            // A header value with a line break would be refused by HttpClient with the whole value in its message.
            if (HasControlCharacter(token))
                throw new FragmentApiException(FragmentErrorKind.Configuration, "The token contains a control character (such as a line break), so it cannot be sent; copy it again from Settings > Developers.");
            options.Validate();
            BaseUri = options.BaseUri;
            _retry = options.Retry;
            _redactor = new SecretRedactor(token, options.BaseUri);
            _authorization = "Bearer " + token;
            _limiter = SharedRateLimiters.For(options.BaseUri, token, options.RateLimit);
            _waitForLimiter = options.RateLimit.RequestsPerMinute > 0;
            TokenFingerprint = SharedRateLimiters.Fingerprint(token);
            _rest = new RestClient(new RestClientOptions(options.BaseUri)
            {
                UserAgent = options.UserAgent,
                Timeout = Timeout.InfiniteTimeSpan, // the pipeline's timeout strategy bounds each attempt
                ThrowOnAnyError = false,
                FollowRedirects = false, // a redirect could carry the Authorization header to another host
                ConfigureMessageHandler = inner => new ResponseSizeLimitHandler(options.MaxResponseBytes, inner),
            });
            _pipeline = BuildPipeline();
        }

        public Uri BaseUri { get; }

        /// <summary>A one-way fingerprint of the token: tells sessions apart without showing the token.</summary>
        public string TokenFingerprint { get; }

        /// <summary>Removes the token and any base-URI password from a text.</summary>
        public string Redact(string text) => _redactor.Redact(text);

        public static bool HasControlCharacter(string text)
        {
            foreach (char c in text)
                if (char.IsControl(c)) return true;
            return false;
        }

        /// <summary>
        /// Sends a request with limits and retries; parses a success body with <paramref name="parse"/>, where a
        /// <see cref="System.Text.Json.JsonException"/> means a broken body (retried like a broken connection)
        /// and a <see cref="FragmentApiException"/> an answer that asking again would not change. The body's
        /// bytes are valid only during the call: <paramref name="parse"/> copies what it keeps.
        /// </summary>
        public async Task<T> SendAsync<T>(ApiRequest request, Func<ReadOnlyMemory<byte>, T> parse, IRequestObserver observer, CancellationToken ct)
        {
            // Resolved before anything is sent: a path that would leave the base URI never gets the token.
            Uri target = ApiPath.Resolve(BaseUri, request.Path);
            var call = new Call(request, target, observer, body => parse(body)!);
            ResilienceContext context = ResilienceContextPool.Shared.Get(ct);
            try
            {
                context.Properties.Set(CallKey, call);
                context.Properties.Set(StartedKey, _time.GetTimestamp());
                Outcome<Attempt> outcome = await _pipeline.ExecuteOutcomeAsync(AttemptAsync, context, call).ConfigureAwait(false);
                Attempt? last = AttemptOf(outcome);
                if (last == null) outcome.ThrowIfException(); // cancelled, or a fault of this code: not an answer
                if (last!.Failure == AttemptFailure.None) return (T)last.Value!;
                throw ToException(context, last);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        /// <summary>
        /// Polly in its documented shape: the retry table decides what is retried (<see cref="ShouldRetry"/>), the
        /// delay generator keeps the server's Retry-After as a floor, the rate limiter strategy holds each attempt
        /// for the token's budget, and the timeout strategy bounds each attempt.
        /// </summary>
        private ResiliencePipeline<Attempt> BuildPipeline()
        {
            var builder = new ResiliencePipelineBuilder<Attempt> { TimeProvider = _time };
            if (_retry.MaxRetries > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<Attempt>
                {
                    // 429s are bounded by time alone; the count of other failures is kept by ShouldRetry.
                    MaxRetryAttempts = int.MaxValue,
                    ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Context, AttemptOf(args.Outcome), args.AttemptNumber) == RetryVerdict.Retry),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(RetryDelay(args.Context, AttemptOf(args.Outcome)!, args.AttemptNumber)),
                    OnRetry = args =>
                    {
                        ReportRetry(args.Context, AttemptOf(args.Outcome)!, args.RetryDelay);
                        return default;
                    },
                });
            }
            return builder
                .AddRateLimiter(new RateLimiterStrategyOptions { RateLimiter = args => AcquireAsync(args.Context) })
                .AddTimeout(_retry.RequestTimeout)
                .Build();
        }

        private enum RetryVerdict { Retry, NotRetried, OutOfRetries, OutOfTime }

        /// <summary>Whether the attempt is retried: the retry table, then the count (all but 429s), then the time budget.</summary>
        private RetryVerdict ShouldRetry(ResilienceContext context, Attempt? attempt, int retry)
        {
            if (attempt == null) return RetryVerdict.NotRetried;
            var call = context.Properties.GetValue(CallKey, null!);
            if (_retry.MaxRetries <= 0 || !RetryTable.ShouldRetry(call.Request.RepeatSafe, attempt.Failure, attempt.StatusCode, _serverAnswered)) return RetryVerdict.NotRetried;
            if (RetryTable.CountsAgainstMaxRetries(attempt.Failure, attempt.StatusCode)
                && context.Properties.GetValue(CountedRetriesKey, 0) >= _retry.MaxRetries) return RetryVerdict.OutOfRetries;
            if (Elapsed(context) + RetryTable.ShortestBackoff(_retry, retry, attempt.RetryAfter) > _retry.MaxRetryTime) return RetryVerdict.OutOfTime;
            return RetryVerdict.Retry;
        }

        /// <summary>The jittered backoff, never shorter than Retry-After, cut to the time left (which the shortest wait fits).</summary>
        private TimeSpan? RetryDelay(ResilienceContext context, Attempt attempt, int retry)
        {
            TimeSpan wait = RetryTable.Backoff(_retry, retry, attempt.RetryAfter, Jitter.Value!);
            TimeSpan left = _retry.MaxRetryTime - Elapsed(context);
            TimeSpan shortest = RetryTable.ShortestBackoff(_retry, retry, attempt.RetryAfter);
            return wait < left ? wait : (left > shortest ? left : shortest);
        }

        private void ReportRetry(ResilienceContext context, Attempt attempt, TimeSpan delay)
        {
            var call = context.Properties.GetValue(CallKey, null!);
            if (RetryTable.MayHaveBeenApplied(attempt.Failure)) context.Properties.Set(MayHaveBeenAppliedKey, true);
            string bound;
            if (RetryTable.CountsAgainstMaxRetries(attempt.Failure, attempt.StatusCode))
            {
                int counted = context.Properties.GetValue(CountedRetriesKey, 0) + 1;
                context.Properties.Set(CountedRetriesKey, counted);
                bound = $"retry {counted} of {_retry.MaxRetries}";
            }
            else
            {
                string retryAfter = attempt.RetryAfter.HasValue ? $"Retry-After {Seconds(attempt.RetryAfter.Value)}; " : string.Empty;
                bound = $"{retryAfter}429s are retried for up to {Seconds(_retry.MaxRetryTime)}, {Seconds(Elapsed(context))} spent";
            }
            call.Observer.OnEvent(new ClientEvent(ClientEventKind.Retry,
                $"Retrying {call.Request} after {Describe(attempt)}: waiting {Seconds(delay)} ({bound}).", delay));
        }

        /// <summary>A token of the account's budget for one attempt; a session with the limiter off is counted, never held.</summary>
        private async ValueTask<RateLimitLease> AcquireAsync(ResilienceContext context)
        {
            var call = context.Properties.GetValue(CallKey, null!);
            RateLimitLease lease = _waitForLimiter
                ? await _limiter.AcquireAsync(wait => call.Observer.OnEvent(new ClientEvent(ClientEventKind.Throttle,
                    $"Rate limit: holding {call.Request} for {Seconds(wait)} to stay within the account's limit{RateNote()}.", wait)), context.CancellationToken).ConfigureAwait(false)
                : _limiter.AcquireWithoutWaiting();
            string? problem = _limiter.LocalOnlyReason;
            if (problem != null && Interlocked.Exchange(ref _notedLimiterProblem, problem) != problem)
            {
                call.Observer.OnEvent(new ClientEvent(ClientEventKind.Note,
                    $"Rate limit: {problem}; this process keeps its own budget for the token, not shared with other processes."));
            }
            return lease;
        }

        private string RateNote()
        {
            double perMinute = _limiter.CurrentRate * 60;
            return perMinute < _limiter.ConfiguredRate * 60 - 0.5
                ? $" (slowed to {perMinute.ToString("0.#", CultureInfo.InvariantCulture)} a minute after the server answered 429)"
                : string.Empty;
        }

        /// <summary>One attempt, its answer classified; a 429 slows every client of the token down.</summary>
        private async ValueTask<Outcome<Attempt>> AttemptAsync(ResilienceContext context, Call call)
        {
            int number = context.Properties.GetValue(AttemptsKey, 0) + 1;
            context.Properties.Set(AttemptsKey, number);
            try
            {
                Attempt attempt = await SendAttemptAsync(call, number, context.CancellationToken).ConfigureAwait(false);
                if (attempt.Failure == AttemptFailure.Status && attempt.StatusCode == 429) _limiter.OnThrottled();
                return Outcome.FromResult(attempt);
            }
            catch (Exception e)
            {
                return Outcome.FromException<Attempt>(e);
            }
        }

        /// <summary>The attempt an outcome stands for: its result, or a timeout from the timeout strategy; null for anything else.</summary>
        private static Attempt? AttemptOf(Outcome<Attempt> outcome) =>
            outcome.Exception is TimeoutRejectedException timeout
                ? new Attempt { Failure = AttemptFailure.Timeout, Error = timeout }
                : outcome.Result;

        private TimeSpan Elapsed(ResilienceContext context) => _time.GetElapsedTime(context.Properties.GetValue(StartedKey, 0L));

        private async Task<Attempt> SendAttemptAsync(Call state, int attemptNumber, CancellationToken ct)
        {
            var rest = new RestRequest(state.Target, ToMethod(state.Request.Method));
            rest.AddHeader("Authorization", _authorization);
            rest.AddHeader("Accept", "application/json");
            foreach (var pair in state.Request.Query) rest.AddQueryParameter(pair.Key, pair.Value);
            // The body is JSON text already (a user's own for Invoke-FragmentRestMethod, and what -WhatIf and
            // -Debug show), so it goes as it is rather than through RestSharp's serializer.
            if (state.Request.JsonBody != null) rest.AddStringBody(state.Request.JsonBody, ContentType.Json);

            Uri built = _rest.BuildUri(rest);
            if (!ApiPath.IsBelow(BaseUri, built))
                throw new FragmentApiException(FragmentErrorKind.InvalidPath, $"{state.Request} would go to another address than the base URI {ApiPath.Display(BaseUri)}; it was not sent.");
            string url = ApiPath.Display(built);
            if (state.Observer.WantsBodies && state.Request.JsonBody != null)
                state.Observer.OnEvent(new ClientEvent(ClientEventKind.Body, Redact($"{state.Request.Method} {url} request body: {state.Request.JsonBody}")));

            // The body is taken as bytes here: RestSharp's own reading would copy it twice more and decode it
            // into a string (RestResponse.Content) that nothing reads, four times the body in memory at once.
            // The bytes go into a buffer of the shared pool: a search page (~100 KB) in a new array each time
            // is a large-object allocation, and those set off full garbage collections all through a long search.
            byte[]? rented = null;
            int length = 0;
            rest.ResponseWriter = stream =>
            {
                (rented, length) = ReadAll(stream);
                return null;
            };

            try
            {
                var clock = Stopwatch.StartNew();
                RestResponse response = await _rest.ExecuteAsync(rest, ct).ConfigureAwait(false);
                clock.Stop();
                ct.ThrowIfCancellationRequested();
                if (Find<ResponseTooLargeException>(response.ErrorException) is { } tooLarge)
                {
                    state.Observer.OnEvent(new ClientEvent(ClientEventKind.Request,
                        $"{state.Request.Method} {url} -> answer larger than {Megabytes(tooLarge.MaxBytes)} ({clock.ElapsedMilliseconds} ms, attempt {attemptNumber})"));
                    // Thrown, not returned as an attempt: the same request would get the same answer, so it is never retried.
                    throw new FragmentApiException(FragmentErrorKind.ResponseTooLarge,
                        $"The answer to {state.Request} is larger than the response size limit of {Megabytes(tooLarge.MaxBytes)}; it was not read.")
                    {
                        Request = state.Request.ToString(),
                        Attempts = attemptNumber,
                    };
                }

                var body = Utf8Text.Mend(new ReadOnlyMemory<byte>(rented ?? Array.Empty<byte>(), 0, length));
                var attempt = Classify(response);
                if (attempt.StatusCode != 0) _serverAnswered = true;
                // An error's body is read later, for the message: a copy of its own.
                if (attempt.Failure != AttemptFailure.None) attempt.Body = body.ToArray();
                string? bodyText = state.Observer.WantsBodies && length > 0 ? _redactor.ReadableBody(rented!, length) : null;
                FragmentApiException? refused = null;
                if (attempt.Failure == AttemptFailure.None)
                {
                    try { attempt.Value = state.Parse(body); }
                    catch (System.Text.Json.JsonException ex)
                    {
                        attempt.Failure = AttemptFailure.BrokenBody;
                        attempt.Error = ex;
                    }
                    catch (FragmentApiException ex)
                    {
                        refused = ex;
                    }
                }

                state.Observer.OnEvent(new ClientEvent(ClientEventKind.Request,
                    Redact($"{state.Request.Method} {url} -> {Describe(attempt)}{(refused != null ? " refused" : "")} ({clock.ElapsedMilliseconds} ms, attempt {attemptNumber})")));
                if (bodyText != null)
                    state.Observer.OnEvent(new ClientEvent(ClientEventKind.Body, $"{state.Request.Method} {url} response body: {bodyText}"));
                // An answer the parser refused whole: asking again would get the same, so it is thrown, not retried.
                if (refused != null)
                {
                    throw new FragmentApiException(refused.Kind, $"{refused.Message} [{state.Request} -> {attempt.StatusCode}]", refused)
                    {
                        StatusCode = attempt.StatusCode,
                        Request = state.Request.ToString(),
                        Attempts = attemptNumber,
                    };
                }
                return attempt;
            }
            finally
            {
                if (rented != null && rented.Length > 0) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }

        /// <summary>
        /// The whole body, in a rented buffer. RestSharp's default completion option has HttpClient buffer the
        /// content before this runs (no more than the size limit, see <see cref="ResponseSizeLimitHandler"/>), so
        /// the stream is in memory, its length is known, and reading it does not block on the network.
        /// </summary>
        private static (byte[] Buffer, int Length) ReadAll(System.IO.Stream stream)
        {
            using var copy = stream.CanSeek ? null : new System.IO.MemoryStream();
            if (copy != null)
            {
                stream.CopyTo(copy);
                copy.Position = 0;
                stream = copy;
            }
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)(stream.Length - stream.Position));
            int read = 0, n;
            while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0) read += n;
            return (buffer, read);
        }

        private static Attempt Classify(RestResponse response)
        {
            var attempt = new Attempt { StatusCode = (int)response.StatusCode };
            if (attempt.StatusCode == 0)
            {
                attempt.Failure = IsConnectFailure(response.ErrorException) ? AttemptFailure.ConnectFailed : AttemptFailure.ConnectionBroken;
                attempt.Error = response.ErrorException;
            }
            else if (attempt.StatusCode < 200 || attempt.StatusCode > 299)
            {
                attempt.Failure = AttemptFailure.Status;
                attempt.Reason = response.StatusDescription;
                attempt.Location = response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Location", StringComparison.OrdinalIgnoreCase))?.Value?.ToString();
                attempt.RetryAfter = ParseRetryAfter(response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Retry-After", StringComparison.OrdinalIgnoreCase))?.Value?.ToString());
                attempt.RequestId = response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "X-Request-Id", StringComparison.OrdinalIgnoreCase))?.Value?.ToString();
            }
            return attempt;
        }

        private static T? Find<T>(Exception? error) where T : Exception
        {
            for (var e = error; e != null; e = e.InnerException)
                if (e is T found) return found;
            return null;
        }

        private static string Megabytes(long bytes) => (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB";

        /// <summary>True only when the request provably never reached the server.</summary>
        private static bool IsConnectFailure(Exception? error)
        {
            for (var e = error; e != null; e = e.InnerException)
            {
                if (e is SocketException se)
                {
                    return se.SocketErrorCode == SocketError.ConnectionRefused || se.SocketErrorCode == SocketError.HostNotFound
                        || se.SocketErrorCode == SocketError.HostUnreachable || se.SocketErrorCode == SocketError.NetworkUnreachable
                        || se.SocketErrorCode == SocketError.TryAgain;
                }
            }
            return false;
        }

        /// <summary>Retry-After as seconds or as an HTTP date [DECIDED: the emulator sends seconds].</summary>
        public static TimeSpan? ParseRetryAfter(string? value) => ParseRetryAfter(value, DateTimeOffset.UtcNow);

        /// <summary>
        /// Retry-After read defensively: what is not a number or a date, NaN and negative numbers are ignored (null);
        /// a date in the past is 0; anything longer than <see cref="RetryTable.LongestRetryAfter"/> (Infinity,
        /// 1e300, a far date) is cut to it, which no retry budget fits, so the call ends as rate limited at once.
        /// </summary>
        public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            double longest = RetryTable.LongestRetryAfter.TotalSeconds;
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
                return double.IsNaN(seconds) || seconds < 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(Math.Min(seconds, longest));
            if (DateTimeOffset.TryParseExact(value!.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                return TimeSpan.FromSeconds(Math.Max(0, Math.Min((date - now).TotalSeconds, longest)));
            return null;
        }

        private FragmentApiException ToException(ResilienceContext context, Attempt last)
        {
            var call = context.Properties.GetValue(CallKey, null!);
            int attempts = context.Properties.GetValue(AttemptsKey, 0);
            string request = call.Request.ToString();
            string retried = attempts > 1 ? $" after {attempts} attempts over {Seconds(Elapsed(context))}" : string.Empty;
            string budget = string.Empty;
            if (ShouldRetry(context, last, attempts - 1) == RetryVerdict.OutOfTime)
            {
                budget = last.RetryAfter.HasValue && last.RetryAfter.Value >= _retry.MaxRetryTime
                    ? $" (the server asks to wait {Seconds(last.RetryAfter.Value)}, longer than the retry time limit of {Seconds(_retry.MaxRetryTime)})"
                    : $" (the retry time limit of {Seconds(_retry.MaxRetryTime)} would be passed)";
            }
            FragmentApiException ex;
            switch (last.Failure)
            {
                case AttemptFailure.Status:
                    var (detail, field) = ApiErrorParser.Parse(last.Body, Redact);
                    string wait = last.RetryAfter.HasValue ? $", Retry-After {Seconds(last.RetryAfter.Value)}" : string.Empty;
                    string text = detail.Length > 0 ? detail : NoDetail(last);
                    ex = new FragmentApiException(KindOf(last.StatusCode), $"{text} [{request} -> {last.StatusCode}{wait}{retried}{budget}]")
                    {
                        Detail = detail,
                        Field = field,
                        ItemIndexes = ApiErrorParser.ItemIndexes(last.Body),
                    };
                    break;
                case AttemptFailure.Timeout:
                    ex = Ambiguous(call, FragmentErrorKind.Timeout, $"no answer within {Seconds(_retry.RequestTimeout)}", retried + budget, last.Error);
                    break;
                case AttemptFailure.ConnectFailed:
                    ex = new FragmentApiException(FragmentErrorKind.Network,
                        $"Could not connect to {ApiPath.Display(new Uri(BaseUri.GetLeftPart(UriPartial.Authority)))} for {request}{retried}{budget}: {Innermost(last.Error)}", last.Error);
                    break;
                case AttemptFailure.ConnectionBroken:
                    ex = Ambiguous(call, FragmentErrorKind.Network, $"the connection broke ({Innermost(last.Error)})", retried + budget, last.Error);
                    break;
                default:
                    ex = Ambiguous(call, FragmentErrorKind.InvalidResponse, $"the answer ({last.StatusCode}) was not whole JSON of the expected shape ({last.Error?.Message})", retried + budget, last.Error);
                    break;
            }
            ex.StatusCode = last.StatusCode == 0 ? (int?)null : last.StatusCode;
            ex.Request = request;
            // Headers are the server's words: an echoed Authorization header must not come back as a request id.
            ex.RequestId = _redactor.RedactOrNull(last.RequestId);
            ex.RetryAfter = last.RetryAfter;
            ex.Attempts = attempts;
            ex.MayHaveBeenApplied = context.Properties.GetValue(MayHaveBeenAppliedKey, false) || RetryTable.MayHaveBeenApplied(last.Failure);
            return WithSecretsRemoved(ex);
        }

        /// <summary>The message may quote what the server or the network stack said: it leaves without secrets.</summary>
        private FragmentApiException WithSecretsRemoved(FragmentApiException ex)
        {
            string message = Redact(ex.Message);
            if (ReferenceEquals(message, ex.Message) || message == ex.Message) return ex;
            return new FragmentApiException(ex.Kind, message)
            {
                StatusCode = ex.StatusCode, Detail = ex.Detail, Field = ex.Field, Request = ex.Request,
                RequestId = ex.RequestId, RetryAfter = ex.RetryAfter, Attempts = ex.Attempts,
                ItemIndexes = ex.ItemIndexes, MayHaveBeenApplied = ex.MayHaveBeenApplied,
            };
        }

        /// <summary>For a POST, a broken exchange may have been applied: say so instead of guessing.</summary>
        private static FragmentApiException Ambiguous(Call state, FragmentErrorKind kind, string what, string suffix, Exception? inner)
        {
            if (!state.Request.RepeatSafe)
            {
                return new FragmentApiException(FragmentErrorKind.OutcomeUnknown,
                    $"The outcome of {state.Request} is unknown: {what} after the request was sent, so it may or may not have been applied. It was not retried, so that it cannot be applied twice.", inner);
            }
            return new FragmentApiException(kind, $"{state.Request} failed{suffix}: {what}.", inner);
        }

        /// <summary>What an error answer without a body means, from its status.</summary>
        private string NoDetail(Attempt last)
        {
            if (last.StatusCode >= 300 && last.StatusCode < 400)
            {
                string to = last.Location != null ? " to " + last.Location : string.Empty;
                return $"The server answered with a redirect{to}, which is not followed: it could carry the token to another address. Check the base URI";
            }
            if (last.StatusCode == 414) return "The request's URL is too long for the server: use fewer or shorter filter values";
            return string.IsNullOrWhiteSpace(last.Reason) ? "(no detail)" : Redact(last.Reason!.Trim());
        }

        private static FragmentErrorKind KindOf(int status)
        {
            if (status >= 300 && status < 400) return FragmentErrorKind.InvalidResponse;
            switch (status)
            {
                case 401: return FragmentErrorKind.Authentication;
                case 403: return FragmentErrorKind.PermissionDenied;
                case 404: return FragmentErrorKind.NotFound;
                case 429: return FragmentErrorKind.RateLimited;
                case 408: return FragmentErrorKind.Timeout;
                default: return status >= 500 ? FragmentErrorKind.ServerError : FragmentErrorKind.InvalidArgument;
            }
        }

        private static string Describe(Attempt attempt)
        {
            switch (attempt.Failure)
            {
                case AttemptFailure.None:
                case AttemptFailure.Status: return attempt.StatusCode.ToString(CultureInfo.InvariantCulture);
                case AttemptFailure.BrokenBody: return attempt.StatusCode.ToString(CultureInfo.InvariantCulture) + " with a broken body";
                case AttemptFailure.Timeout: return "timeout";
                case AttemptFailure.ConnectFailed: return "connect failed";
                default: return "connection broken";
            }
        }

        private static string Innermost(Exception? error)
        {
            if (error == null) return "no response";
            while (error.InnerException != null) error = error.InnerException;
            return error.Message;
        }

        internal static string Seconds(TimeSpan t) => t < TimeSpan.FromSeconds(1)
            ? ((int)Math.Round(t.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + " ms"
            : t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

        private static Method ToMethod(string method) =>
            method.All(char.IsLetter) && Enum.TryParse(method, ignoreCase: true, out Method parsed)
                ? parsed
                : throw new FragmentApiException(FragmentErrorKind.InvalidArgument, $"The HTTP method '{method}' is not supported; use GET, POST, PUT, PATCH or DELETE.");

        // Disconnect-Fragment may come while other runspaces still use the session (a search between two pages):
        // each user holds a lease, and the connections are released when the last one ends.
        private readonly object _lifetime = new object();
        private int _leases;
        private bool _disposeRequested;
        private bool _disposed;

        /// <summary>Keeps the transport alive until the lease is disposed, even across a <see cref="Dispose"/>.</summary>
        public IDisposable Lease()
        {
            lock (_lifetime)
            {
                if (_disposeRequested)
                    throw new FragmentApiException(FragmentErrorKind.Configuration, "The session was disconnected; run Connect-Fragment again.");
                _leases++;
            }
            return new TransportLease(this);
        }

        private void Release()
        {
            lock (_lifetime)
            {
                _leases--;
                if (!_disposeRequested || _leases > 0 || _disposed) return;
                _disposed = true;
            }
            _rest.Dispose();
        }

        /// <summary>Releases the connections now, or when the last lease ends.</summary>
        public void Dispose()
        {
            lock (_lifetime)
            {
                _disposeRequested = true;
                if (_leases > 0 || _disposed) return;
                _disposed = true;
            }
            _rest.Dispose();
        }

        private sealed class TransportLease : IDisposable
        {
            private FragmentTransport? _owner;
            public TransportLease(FragmentTransport owner) => _owner = owner;
            public void Dispose() => System.Threading.Interlocked.Exchange(ref _owner, null)?.Release();
        }

        /// <summary>What a call sends, where, and where its log and its parsed answer go.</summary>
        private sealed class Call
        {
            public Call(ApiRequest request, Uri target, IRequestObserver observer, Func<ReadOnlyMemory<byte>, object> parse)
            {
                Request = request;
                Target = target;
                Observer = observer;
                Parse = parse;
            }

            public ApiRequest Request { get; }
            /// <summary>The request's absolute URL, checked to be below the base URI.</summary>
            public Uri Target { get; }
            public IRequestObserver Observer { get; }
            public Func<ReadOnlyMemory<byte>, object> Parse { get; }
        }

        private sealed class Attempt
        {
            public AttemptFailure Failure { get; set; }
            public int StatusCode { get; set; }
            public byte[]? Body { get; set; }
            public object? Value { get; set; }
            public Exception? Error { get; set; }
            public TimeSpan? RetryAfter { get; set; }
            public string? RequestId { get; set; }
            public string? Reason { get; set; }
            public string? Location { get; set; }
        }
    }
}
