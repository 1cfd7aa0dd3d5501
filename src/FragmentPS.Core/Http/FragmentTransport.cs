using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Resilience;
using Polly;
using Polly.Retry;
using RestSharp;

namespace FragmentPS.Core.Http
{
    /// <summary>
    /// The one HTTP path of a session: ONE RestClient (connections reused), the shared rate limiter, the Polly
    /// retry pipeline and error typing. Thread-safe; shared by every cmdlet call of the session.
    /// </summary>
    public sealed class FragmentTransport : IDisposable
    {
        private static readonly ResiliencePropertyKey<CallState> StateKey = new ResiliencePropertyKey<CallState>("FragmentPS.Call");

        private readonly RestClient _rest;
        private readonly string _authorization;
        private readonly SecretRedactor _redactor;
        private readonly TokenBucket? _bucket;
        private readonly RetryOptions _retry;
        private readonly ResiliencePipeline<Attempt> _pipeline;
        // Set by the first HTTP answer of any status: from then on a connect failure is an outage (see RetryTable).
        private volatile bool _serverAnswered;
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
            _bucket = SharedRateLimiters.For(token, options.RateLimit);
            TokenFingerprint = SharedRateLimiters.Fingerprint(token);
            _rest = new RestClient(new RestClientOptions(options.BaseUri)
            {
                UserAgent = options.UserAgent,
                Timeout = options.Retry.RequestTimeout,
                ThrowOnAnyError = false,
                FollowRedirects = false, // a redirect could carry the Authorization header to another host
                ConfigureMessageHandler = inner => new ResponseSizeLimitHandler(options.MaxResponseBytes, inner),
            });
            _pipeline = BuildPipeline(options.Retry);
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
            var state = new CallState(request, target, observer, body => parse(body)!);
            ResilienceContext context = ResilienceContextPool.Shared.Get(ct);
            try
            {
                context.Properties.Set(StateKey, state);
                Attempt last = await _pipeline.ExecuteAsync(
                    (ctx, s) => new ValueTask<Attempt>(AttemptAsync(s, ctx.CancellationToken)), context, state).ConfigureAwait(false);
                if (last.Failure == AttemptFailure.None) return (T)last.Value!;
                throw ToException(state, last);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private ResiliencePipeline<Attempt> BuildPipeline(RetryOptions retry)
        {
            if (retry.MaxRetries <= 0) return ResiliencePipeline<Attempt>.Empty;
            return new ResiliencePipelineBuilder<Attempt>()
                .AddRetry(new RetryStrategyOptions<Attempt>
                {
                    MaxRetryAttempts = retry.MaxRetries,
                    ShouldHandle = args => new ValueTask<bool>(
                        args.Outcome.Result != null && PlanRetry(args.Context.Properties.GetValue(StateKey, null!), args.Outcome.Result, args.AttemptNumber)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(args.Context.Properties.GetValue(StateKey, null!).NextDelay),
                    OnRetry = args =>
                    {
                        var s = args.Context.Properties.GetValue(StateKey, null!);
                        s.Observer.OnEvent(new ClientEvent(ClientEventKind.Retry,
                            $"Retrying {s.Request} after {Describe(args.Outcome.Result!)}: waiting {Seconds(args.RetryDelay)} (retry {args.AttemptNumber + 1} of {retry.MaxRetries}).",
                            args.RetryDelay));
                        return default;
                    },
                })
                .Build();
        }

        /// <summary>Decides whether to retry and how long to wait first; false when the table or the budget says no.</summary>
        private bool PlanRetry(CallState state, Attempt attempt, int retry)
        {
            if (!RetryTable.ShouldRetry(state.Request.RepeatSafe, attempt.Failure, attempt.StatusCode, _serverAnswered)) return false;
            TimeSpan wait = RetryTable.Backoff(_retry, retry, attempt.RetryAfter, Jitter.Value!);
            if (state.Clock.Elapsed + wait > _retry.MaxRetryTime)
            {
                state.BudgetExhausted = true;
                return false;
            }
            state.NextDelay = wait;
            return true;
        }

        private async Task<Attempt> AttemptAsync(CallState state, CancellationToken ct)
        {
            state.Attempts++;
            TokenLease lease = default;
            if (_bucket != null)
            {
                lease = await _bucket.AcquireAsync(wait => state.Observer.OnEvent(new ClientEvent(ClientEventKind.Throttle,
                    $"Rate limit: holding {state.Request} for {Seconds(wait)} to stay within the account's limit.", wait)), ct).ConfigureAwait(false);
            }
            try
            {
                Attempt attempt = await SendAttemptAsync(state, ct).ConfigureAwait(false);
                if (RetryTable.MayHaveBeenApplied(attempt.Failure)) state.MayHaveBeenApplied = true;
                return attempt;
            }
            finally
            {
                // Answered or failed, the server has seen the burst's first request by now (if at all).
                if (lease.StartsBurst) _bucket!.Anchor();
            }
        }

        private async Task<Attempt> SendAttemptAsync(CallState state, CancellationToken ct)
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
                        $"{state.Request.Method} {url} -> answer larger than {Megabytes(tooLarge.MaxBytes)} ({clock.ElapsedMilliseconds} ms, attempt {state.Attempts})"));
                    // Thrown, not returned as an attempt: the same request would get the same answer, so it is never retried.
                    throw new FragmentApiException(FragmentErrorKind.ResponseTooLarge,
                        $"The answer to {state.Request} is larger than the response size limit of {Megabytes(tooLarge.MaxBytes)}; it was not read.")
                    {
                        Request = state.Request.ToString(),
                        Attempts = state.Attempts,
                    };
                }

                var body = new ReadOnlyMemory<byte>(rented ?? Array.Empty<byte>(), 0, length);
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
                    Redact($"{state.Request.Method} {url} -> {Describe(attempt)}{(refused != null ? " refused" : "")} ({clock.ElapsedMilliseconds} ms, attempt {state.Attempts})")));
                if (bodyText != null)
                    state.Observer.OnEvent(new ClientEvent(ClientEventKind.Body, $"{state.Request.Method} {url} response body: {bodyText}"));
                // An answer the parser refused whole: asking again would get the same, so it is thrown, not retried.
                if (refused != null)
                {
                    throw new FragmentApiException(refused.Kind, $"{refused.Message} [{state.Request} -> {attempt.StatusCode}]", refused)
                    {
                        StatusCode = attempt.StatusCode,
                        Request = state.Request.ToString(),
                        Attempts = state.Attempts,
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
            if (response.ResponseStatus == ResponseStatus.TimedOut)
            {
                attempt.Failure = AttemptFailure.Timeout;
            }
            else if (attempt.StatusCode == 0)
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
        public static TimeSpan? ParseRetryAfter(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
                return seconds < 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(seconds);
            if (DateTimeOffset.TryParseExact(value!.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }

        private FragmentApiException ToException(CallState state, Attempt last)
        {
            string request = state.Request.ToString();
            string retried = state.Attempts > 1 ? $" after {state.Attempts} attempts" : string.Empty;
            string budget = state.BudgetExhausted ? $" (the retry time limit of {Seconds(_retry.MaxRetryTime)} would be passed)" : string.Empty;
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
                    ex = Ambiguous(state, FragmentErrorKind.Timeout, $"no answer within {Seconds(_retry.RequestTimeout)}", retried + budget, last.Error);
                    break;
                case AttemptFailure.ConnectFailed:
                    ex = new FragmentApiException(FragmentErrorKind.Network,
                        $"Could not connect to {ApiPath.Display(new Uri(BaseUri.GetLeftPart(UriPartial.Authority)))} for {request}{retried}{budget}: {Innermost(last.Error)}", last.Error);
                    break;
                case AttemptFailure.ConnectionBroken:
                    ex = Ambiguous(state, FragmentErrorKind.Network, $"the connection broke ({Innermost(last.Error)})", retried + budget, last.Error);
                    break;
                default:
                    ex = Ambiguous(state, FragmentErrorKind.InvalidResponse, $"the answer ({last.StatusCode}) was not whole JSON of the expected shape ({last.Error?.Message})", retried + budget, last.Error);
                    break;
            }
            ex.StatusCode = last.StatusCode == 0 ? (int?)null : last.StatusCode;
            ex.Request = request;
            // Headers are the server's words: an echoed Authorization header must not come back as a request id.
            ex.RequestId = _redactor.RedactOrNull(last.RequestId);
            ex.RetryAfter = last.RetryAfter;
            ex.Attempts = state.Attempts;
            ex.MayHaveBeenApplied = state.MayHaveBeenApplied;
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
        private static FragmentApiException Ambiguous(CallState state, FragmentErrorKind kind, string what, string suffix, Exception? inner)
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

        private sealed class CallState
        {
            public CallState(ApiRequest request, Uri target, IRequestObserver observer, Func<ReadOnlyMemory<byte>, object> parse)
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
            public Stopwatch Clock { get; } = Stopwatch.StartNew();
            public int Attempts { get; set; }
            public TimeSpan NextDelay { get; set; }
            public bool BudgetExhausted { get; set; }
            /// <summary>An attempt broke after it was sent: the server may have applied it.</summary>
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
