using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
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
    /// The one HTTP path of a session, on ONE RestClient (connections reused): a call is built into a request,
    /// sent through the Polly pipeline (retry as <see cref="RetryTable"/> says, the token's shared rate limiter,
    /// the per-attempt timeout), each answer classified, and a success parsed. Thread-safe; shared by every
    /// cmdlet call of the session.
    /// </summary>
    public sealed class FragmentTransport : IDisposable
    {
        private static readonly ResiliencePropertyKey<Call> CallKey = new ResiliencePropertyKey<Call>("FragmentPS.Call");
        // Random is not thread-safe, and one session serves parallel runspaces: one generator per thread.
        private static readonly ThreadLocal<Random> Jitter = new ThreadLocal<Random>(() => new Random(Guid.NewGuid().GetHashCode()));

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
                // The size cap is a message handler, not a RestSharp option: only a handler sees the body
                // (decompressed) as it is read, and it reads the body whole (see ResponseSizeLimitHandler).
                ConfigureMessageHandler = inner => new ResponseSizeLimitHandler(options.MaxResponseBytes, inner),
            });
            var pipeline = new ResiliencePipelineBuilder<Attempt> { TimeProvider = _time };
            if (_retry.MaxRetries > 0)
            {
                pipeline.AddRetry(new RetryStrategyOptions<Attempt>
                {
                    // 429s are bounded by time alone; the count of other failures is kept by ShouldRetry.
                    MaxRetryAttempts = int.MaxValue,
                    ShouldHandle = args => new ValueTask<bool>(ShouldRetry(CallOf(args.Context), AttemptOf(args.Outcome), args.AttemptNumber) == RetryVerdict.Retry),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(RetryDelay(CallOf(args.Context), AttemptOf(args.Outcome)!, args.AttemptNumber)),
                    OnRetry = args =>
                    {
                        ReportRetry(CallOf(args.Context), AttemptOf(args.Outcome)!, args.RetryDelay);
                        return default;
                    },
                });
            }
            _pipeline = pipeline
                .AddRateLimiter(new RateLimiterStrategyOptions { RateLimiter = args => AcquireAsync(CallOf(args.Context), args.Context.CancellationToken) })
                .AddTimeout(_retry.RequestTimeout)
                .Build();
        }

        public Uri BaseUri { get; }

        /// <summary>A one-way fingerprint of the token: tells sessions apart without showing the token.</summary>
        public string TokenFingerprint { get; }

        /// <summary>Removes the token and any base-URI password from a text.</summary>
        public string Redact(string text) => _redactor.Redact(text);

        public static bool HasControlCharacter(string text) => text.Any(char.IsControl);

        /// <summary>
        /// Sends a request with limits and retries; parses a success body with <paramref name="parse"/>, where a
        /// <see cref="System.Text.Json.JsonException"/> means a broken body (retried like a broken connection)
        /// and a <see cref="FragmentApiException"/> an answer that asking again would not change.
        /// </summary>
        public async Task<T> SendAsync<T>(ApiRequest request, Func<ReadOnlyMemory<byte>, T> parse, IRequestObserver observer, CancellationToken ct)
        {
            // Resolved before anything is sent: a path that would leave the base URI never gets the token.
            var call = new Call(request, ApiPath.Resolve(BaseUri, request.Path), observer, body => parse(body)!, _time.GetTimestamp());
            ResilienceContext context = ResilienceContextPool.Shared.Get(ct);
            try
            {
                context.Properties.Set(CallKey, call);
                Outcome<Attempt> outcome = await _pipeline.ExecuteOutcomeAsync((ctx, state) => AttemptAsync(state, ctx.CancellationToken), context, call).ConfigureAwait(false);
                Attempt? last = AttemptOf(outcome);
                if (last == null) outcome.ThrowIfException(); // cancelled, or an answer refused whole: not retried
                if (last!.Failure == AttemptFailure.None) return (T)last.Value!;
                throw ToException(call, last);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private static Call CallOf(ResilienceContext context) => context.Properties.GetValue(CallKey, null!);

        /// <summary>The attempt an outcome stands for: its result, or a timeout from the timeout strategy; null for anything else.</summary>
        private static Attempt? AttemptOf(Outcome<Attempt> outcome) =>
            outcome.Exception is TimeoutRejectedException timeout
                ? new Attempt { Failure = AttemptFailure.Timeout, Error = timeout }
                : outcome.Result;

        private TimeSpan Elapsed(Call call) => _time.GetElapsedTime(call.Started);

        // ---- retry -------------------------------------------------------------------------------------

        private enum RetryVerdict { Retry, NotRetried, OutOfRetries, OutOfTime }

        /// <summary>Whether the attempt is retried: the retry table, then the count (all but 429s), then the time budget.</summary>
        private RetryVerdict ShouldRetry(Call call, Attempt? attempt, int retry)
        {
            if (attempt == null) return RetryVerdict.NotRetried;
            if (_retry.MaxRetries <= 0 || !RetryTable.ShouldRetry(call.Request.RepeatSafe, attempt.Failure, attempt.StatusCode, _serverAnswered)) return RetryVerdict.NotRetried;
            if (RetryTable.CountsAgainstMaxRetries(attempt.Failure, attempt.StatusCode) && call.CountedRetries >= _retry.MaxRetries) return RetryVerdict.OutOfRetries;
            if (Elapsed(call) + RetryTable.ShortestBackoff(_retry, retry, attempt.RetryAfter) > _retry.MaxRetryTime) return RetryVerdict.OutOfTime;
            return RetryVerdict.Retry;
        }

        /// <summary>The jittered backoff, never shorter than Retry-After, cut to the time left (which the shortest wait fits).</summary>
        private TimeSpan? RetryDelay(Call call, Attempt attempt, int retry)
        {
            TimeSpan wait = RetryTable.Backoff(_retry, retry, attempt.RetryAfter, Jitter.Value!);
            TimeSpan left = _retry.MaxRetryTime - Elapsed(call);
            TimeSpan shortest = RetryTable.ShortestBackoff(_retry, retry, attempt.RetryAfter);
            return wait < left ? wait : (left > shortest ? left : shortest);
        }

        private void ReportRetry(Call call, Attempt attempt, TimeSpan delay)
        {
            if (RetryTable.MayHaveBeenApplied(attempt.Failure)) call.MayHaveBeenApplied = true;
            string bound;
            if (RetryTable.CountsAgainstMaxRetries(attempt.Failure, attempt.StatusCode))
            {
                bound = $"retry {++call.CountedRetries} of {_retry.MaxRetries}";
            }
            else
            {
                string retryAfter = attempt.RetryAfter.HasValue ? $"Retry-After {Seconds(attempt.RetryAfter.Value)}; " : string.Empty;
                bound = $"{retryAfter}429s are retried for up to {Seconds(_retry.MaxRetryTime)}, {Seconds(Elapsed(call))} spent";
            }
            Log(call, ClientEventKind.Retry, $"Retrying {call.Request} after {Describe(attempt)}: waiting {Seconds(delay)} ({bound}).", delay);
        }

        // ---- rate limit ---------------------------------------------------------------------------------

        /// <summary>A token of the account's budget for one attempt; a session with the limiter off is counted, never held.</summary>
        private async ValueTask<RateLimitLease> AcquireAsync(Call call, CancellationToken ct)
        {
            RateLimitLease lease = _waitForLimiter
                ? await _limiter.AcquireAsync(wait => Log(call, ClientEventKind.Throttle,
                    $"Rate limit: holding {call.Request} for {Seconds(wait)} to stay within the account's limit{RateNote()}.", wait), ct).ConfigureAwait(false)
                : _limiter.AcquireWithoutWaiting();
            string? problem = _limiter.LocalOnlyReason;
            if (problem != null && Interlocked.Exchange(ref _notedLimiterProblem, problem) != problem)
                Log(call, ClientEventKind.Note, $"Rate limit: {problem}; this process keeps its own budget for the token, not shared with other processes.");
            return lease;
        }

        private string RateNote()
        {
            double perMinute = _limiter.CurrentRate * 60;
            return perMinute < _limiter.ConfiguredRate * 60 - 0.5
                ? $" (slowed to {perMinute.ToString("0.#", CultureInfo.InvariantCulture)} a minute after the server answered 429)"
                : string.Empty;
        }

        // ---- one attempt --------------------------------------------------------------------------------

        /// <summary>One attempt, its answer classified; a 429 slows every client of the token down.</summary>
        private async ValueTask<Outcome<Attempt>> AttemptAsync(Call call, CancellationToken ct)
        {
            call.Attempts++;
            try
            {
                Attempt attempt = await SendAttemptAsync(call, ct).ConfigureAwait(false);
                if (attempt.Failure == AttemptFailure.Status && attempt.StatusCode == 429) _limiter.OnThrottled();
                return Outcome.FromResult(attempt);
            }
            catch (Exception e)
            {
                return Outcome.FromException<Attempt>(e);
            }
        }

        private async Task<Attempt> SendAttemptAsync(Call call, CancellationToken ct)
        {
            ApiRequest request = call.Request;
            var rest = new RestRequest(call.Target, ToMethod(request.Method));
            rest.AddHeader("Authorization", _authorization);
            rest.AddHeader("Accept", "application/json");
            foreach (var pair in request.Query) rest.AddQueryParameter(pair.Key, pair.Value);
            // The body is JSON text already (a user's own for Invoke-FragmentRestMethod, and what -WhatIf and
            // -Debug show), so it goes as it is rather than through RestSharp's serializer.
            if (request.JsonBody != null) rest.AddStringBody(request.JsonBody, ContentType.Json);

            Uri built = _rest.BuildUri(rest);
            if (!ApiPath.IsBelow(BaseUri, built))
                throw new FragmentApiException(FragmentErrorKind.InvalidPath, $"{request} would go to another address than the base URI {ApiPath.Display(BaseUri)}; it was not sent.");
            string sent = $"{request.Method} {ApiPath.Display(built)}";
            if (call.Observer.WantsBodies && request.JsonBody != null) Log(call, ClientEventKind.Body, $"{sent} request body: {request.JsonBody}");

            // Where RestSharp stands in the way: its own reading of a body (RawBytes) copies it again and decodes it
            // into RestResponse.Content, a string nothing here reads. For a search page those are large-object
            // allocations, and they set off a full garbage collection every few pages of a long search. So the body
            // is taken as the size-limit handler read it, and RestSharp is left nothing to read; nor does HttpClient
            // buffer it a second time, as the handler has read it whole before the headers come back up.
            rest.CompletionOption = HttpCompletionOption.ResponseHeadersRead;
            byte[] body = Array.Empty<byte>();
            rest.ResponseWriter = stream =>
            {
                body = ReadBody(stream);
                return null;
            };
            var clock = Stopwatch.StartNew();
            RestResponse response = await _rest.ExecuteAsync(rest, ct).ConfigureAwait(false);
            string took = $"{clock.ElapsedMilliseconds} ms, attempt {call.Attempts}";
            ct.ThrowIfCancellationRequested();
            if (Find<ResponseTooLargeException>(response.ErrorException) is { } tooLarge)
            {
                Log(call, ClientEventKind.Request, $"{sent} -> answer larger than {Megabytes(tooLarge.MaxBytes)} ({took})");
                // Thrown, not returned as an attempt: the same request would get the same answer, so it is never retried.
                throw new FragmentApiException(FragmentErrorKind.ResponseTooLarge,
                    $"The answer to {request} is larger than the response size limit of {Megabytes(tooLarge.MaxBytes)}; it was not read.")
                {
                    Request = request.ToString(),
                    Attempts = call.Attempts,
                };
            }

            var attempt = Classify(response);
            if (attempt.StatusCode != 0) _serverAnswered = true;
            FragmentApiException? refused = null;
            if (attempt.Failure != AttemptFailure.None) attempt.Body = Utf8Text.Mend(body).ToArray(); // read for the error's message
            else
            {
                try { attempt.Value = call.Parse(Utf8Text.Mend(body)); }
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

            Log(call, ClientEventKind.Request, $"{sent} -> {Describe(attempt)}{(refused != null ? " refused" : "")} ({took})");
            if (call.Observer.WantsBodies && body.Length > 0) Log(call, ClientEventKind.Body, $"{sent} response body: {_redactor.ReadableBody(body)}");
            // An answer the parser refused whole: asking again would get the same, so it is thrown, not retried.
            if (refused != null)
            {
                throw new FragmentApiException(refused.Kind, Redact($"{refused.Message} [{request} -> {attempt.StatusCode}]"), refused)
                {
                    StatusCode = attempt.StatusCode,
                    Request = request.ToString(),
                    Attempts = call.Attempts,
                };
            }
            return attempt;
        }

        /// <summary>The whole body, as <see cref="ResponseSizeLimitHandler"/> read it (no more than the size limit).</summary>
        private static byte[] ReadBody(Stream stream)
        {
            if (stream is MemoryStream read && read.TryGetBuffer(out ArraySegment<byte> whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length)
                return whole.Array;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        /// <summary>Every event leaves without the session's secrets: the server's words and the user's paths are in them.</summary>
        private void Log(Call call, ClientEventKind kind, string message, TimeSpan? wait = null) =>
            call.Observer.OnEvent(new ClientEvent(kind, Redact(message), wait));

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
                attempt.Location = Header(response, "Location");
                attempt.RetryAfter = ParseRetryAfter(Header(response, "Retry-After"));
                attempt.RequestId = Header(response, "X-Request-Id");
            }
            return attempt;
        }

        private static string? Header(RestResponse response, string name) =>
            response.Headers?.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value?.ToString();

        private static T? Find<T>(Exception? error) where T : Exception
        {
            for (var e = error; e != null; e = e.InnerException)
                if (e is T found) return found;
            return null;
        }

        private static string Megabytes(long bytes) => (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB";

        /// <summary>True only when the request provably never reached the server.</summary>
        private static bool IsConnectFailure(Exception? error) =>
            Find<SocketException>(error)?.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound
                or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain;

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

        // ---- errors -------------------------------------------------------------------------------------

        private FragmentApiException ToException(Call call, Attempt last)
        {
            string request = call.Request.ToString();
            string retried = call.Attempts > 1 ? $" after {call.Attempts} attempts over {Seconds(Elapsed(call))}" : string.Empty;
            if (ShouldRetry(call, last, call.Attempts - 1) == RetryVerdict.OutOfTime)
            {
                retried += last.RetryAfter.HasValue && last.RetryAfter.Value >= _retry.MaxRetryTime
                    ? $" (the server asks to wait {Seconds(last.RetryAfter.Value)}, longer than the retry time limit of {Seconds(_retry.MaxRetryTime)})"
                    : $" (the retry time limit of {Seconds(_retry.MaxRetryTime)} would be passed)";
            }
            string detail = string.Empty;
            string? field = null;
            var (kind, message) = last.Failure switch
            {
                AttemptFailure.Status => StatusMessage(call, last, retried, out detail, out field),
                AttemptFailure.Timeout => Ambiguous(call, FragmentErrorKind.Timeout, $"no answer within {Seconds(_retry.RequestTimeout)}", retried),
                AttemptFailure.ConnectFailed => (FragmentErrorKind.Network,
                    $"Could not connect to {ApiPath.Display(new Uri(BaseUri.GetLeftPart(UriPartial.Authority)))} for {request}{retried}: {Innermost(last.Error)}"),
                AttemptFailure.ConnectionBroken => Ambiguous(call, FragmentErrorKind.Network, $"the connection broke ({Innermost(last.Error)})", retried),
                _ => Ambiguous(call, FragmentErrorKind.InvalidResponse, $"the answer ({last.StatusCode}) was not whole JSON of the expected shape ({last.Error?.Message})", retried),
            };
            // The message may quote what the server or the network stack said: it leaves without secrets, and
            // so does the exception it came from.
            string redacted = Redact(message);
            return new FragmentApiException(kind, redacted, redacted == message ? last.Error : null)
            {
                Detail = last.Failure == AttemptFailure.Status ? detail : null,
                Field = field,
                ItemIndexes = last.Failure == AttemptFailure.Status ? ApiErrorParser.ItemIndexes(last.Body) : null,
                StatusCode = last.StatusCode == 0 ? (int?)null : last.StatusCode,
                Request = request,
                // Headers are the server's words: an echoed Authorization header must not come back as a request id.
                RequestId = _redactor.RedactOrNull(last.RequestId),
                RetryAfter = last.RetryAfter,
                Attempts = call.Attempts,
                MayHaveBeenApplied = call.MayHaveBeenApplied || RetryTable.MayHaveBeenApplied(last.Failure),
            };
        }

        private (FragmentErrorKind, string) StatusMessage(Call call, Attempt last, string retried, out string detail, out string? field)
        {
            (detail, field) = ApiErrorParser.Parse(last.Body, Redact);
            string wait = last.RetryAfter.HasValue ? $", Retry-After {Seconds(last.RetryAfter.Value)}" : string.Empty;
            string text = detail.Length > 0 ? detail : NoDetail(last);
            return (KindOf(last.StatusCode), $"{text} [{call.Request} -> {last.StatusCode}{wait}{retried}]");
        }

        /// <summary>For a POST, a broken exchange may have been applied: say so instead of guessing.</summary>
        private static (FragmentErrorKind, string) Ambiguous(Call call, FragmentErrorKind kind, string what, string retried) =>
            call.Request.RepeatSafe
                ? (kind, $"{call.Request} failed{retried}: {what}.")
                : (FragmentErrorKind.OutcomeUnknown, $"The outcome of {call.Request} is unknown: {what} after the request was sent, so it may or may not have been applied. It was not retried, so that it cannot be applied twice.");

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

        private static FragmentErrorKind KindOf(int status) => status switch
        {
            >= 300 and < 400 => FragmentErrorKind.InvalidResponse,
            401 => FragmentErrorKind.Authentication,
            403 => FragmentErrorKind.PermissionDenied,
            404 => FragmentErrorKind.NotFound,
            429 => FragmentErrorKind.RateLimited,
            408 => FragmentErrorKind.Timeout,
            >= 500 => FragmentErrorKind.ServerError,
            _ => FragmentErrorKind.InvalidArgument,
        };

        private static string Describe(Attempt attempt) => attempt.Failure switch
        {
            AttemptFailure.None or AttemptFailure.Status => attempt.StatusCode.ToString(CultureInfo.InvariantCulture),
            AttemptFailure.BrokenBody => attempt.StatusCode.ToString(CultureInfo.InvariantCulture) + " with a broken body",
            AttemptFailure.Timeout => "timeout",
            AttemptFailure.ConnectFailed => "connect failed",
            _ => "connection broken",
        };

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

        // ---- lifetime -----------------------------------------------------------------------------------

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

        /// <summary>Releases the connections now, or when the last lease ends.</summary>
        public void Dispose() => EndUse(disposing: true);

        private void EndUse(bool disposing)
        {
            lock (_lifetime)
            {
                if (disposing) _disposeRequested = true;
                else _leases--;
                if (!_disposeRequested || _leases > 0 || _disposed) return;
                _disposed = true;
            }
            _rest.Dispose();
        }

        private sealed class TransportLease : IDisposable
        {
            private FragmentTransport? _owner;
            public TransportLease(FragmentTransport owner) => _owner = owner;
            public void Dispose() => Interlocked.Exchange(ref _owner, null)?.EndUse(disposing: false);
        }

        /// <summary>
        /// One call through the pipeline: what it sends (<paramref name="Target"/>, the request's absolute URL,
        /// checked to be below the base URI), where its log and its parsed answer go, when its first attempt began
        /// (the retry time budget counts from there), and what its attempts saw.
        /// </summary>
        private sealed record Call(ApiRequest Request, Uri Target, IRequestObserver Observer, Func<ReadOnlyMemory<byte>, object> Parse, long Started)
        {
            // Polly runs one call's attempts and callbacks one after another, never at once.
            public int Attempts { get; set; }
            public int CountedRetries { get; set; }
            public bool MayHaveBeenApplied { get; set; }
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
