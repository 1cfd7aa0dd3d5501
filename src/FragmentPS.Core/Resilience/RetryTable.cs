using System;
using System.Linq;

namespace FragmentPS.Core.Resilience
{
    /// <summary>How one attempt ended, as far as retrying is concerned.</summary>
    public enum AttemptFailure
    {
        None,
        /// <summary>The server answered with a status (see the attempt's status code).</summary>
        Status,
        /// <summary>The connection could not be opened: the request never reached the server.</summary>
        ConnectFailed,
        /// <summary>No answer within the request timeout: the server may have applied the request.</summary>
        Timeout,
        /// <summary>The connection broke after the request was sent: it may have been applied.</summary>
        ConnectionBroken,
        /// <summary>A success status with a body that is not whole JSON (cut off): it was applied.</summary>
        BrokenBody,
    }

    /// <summary>
    /// The retry table, in one place.
    /// <list type="table">
    /// <item>GET, PUT, PATCH, DELETE (idempotent: a repeat changes nothing more): retried on connect failures,
    /// timeouts, broken connections and bodies, 429, 502, 503, 504.</item>
    /// <item>A connect failure (refused, name not resolved) is retried only once the transport has had an
    /// answer from the server: then it is an outage worth waiting out; before, it is a wrong address, and
    /// the first call (Connect-Fragment's check) fails at once instead of after all its retries.</item>
    /// <item>POST (a repeat may create a second task or comment): retried only when the server provably did not
    /// process it: a connect failure or a 429. Anything else ambiguous is reported as "outcome unknown".</item>
    /// <item>A POST that creates tasks under uids the caller chose is retried like PUT: a repeat of a create
    /// that was applied is refused (403, the uid exists), so it can never create a second task
    /// (see <see cref="Http.ApiRequest.RepeatSafe"/>).</item>
    /// </list>
    /// How often: a 429 means the server did not process the request, so retrying it costs nothing but time: 429s
    /// are bounded by <see cref="RetryOptions.MaxRetryTime"/> alone, and a busy account never costs a write. Every
    /// other failure also counts against <see cref="RetryOptions.MaxRetries"/>.
    /// Waits: jittered exponential backoff from <see cref="RetryOptions.BaseDelay"/>, never shorter than the
    /// server's Retry-After, capped by <see cref="RetryOptions.MaxDelay"/>; no retry starts that would end past
    /// <see cref="RetryOptions.MaxRetryTime"/> from the first attempt.
    /// </summary>
    public static class RetryTable
    {
        public static readonly int[] RetriedStatuses = { 429, 502, 503, 504 };

        /// <summary>The longest Retry-After taken as given; longer ones (a far date, 1e300, Infinity) are cut to this, beyond any retry budget.</summary>
        public static readonly TimeSpan LongestRetryAfter = TimeSpan.FromDays(1);

        public static bool IsIdempotent(string method) =>
            !string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase);

        public static bool ShouldRetry(string method, AttemptFailure failure, int statusCode, bool serverAnsweredBefore) =>
            ShouldRetry(IsIdempotent(method), failure, statusCode, serverAnsweredBefore);

        /// <summary>As above, for a call whose repeat is known to be safe (or not) whatever its method.</summary>
        public static bool ShouldRetry(bool repeatSafe, AttemptFailure failure, int statusCode, bool serverAnsweredBefore) => failure switch
        {
            AttemptFailure.ConnectFailed => serverAnsweredBefore,
            AttemptFailure.Status => statusCode == 429 || (repeatSafe && RetriedStatuses.Contains(statusCode)),
            _ => repeatSafe && MayHaveBeenApplied(failure),
        };

        /// <summary>True when an attempt that ended so may have been applied by the server (its answer was lost or cut off).</summary>
        public static bool MayHaveBeenApplied(AttemptFailure failure) =>
            failure is AttemptFailure.Timeout or AttemptFailure.ConnectionBroken or AttemptFailure.BrokenBody;

        /// <summary>True when a retry after this failure counts against <see cref="RetryOptions.MaxRetries"/> (all but a 429).</summary>
        public static bool CountsAgainstMaxRetries(AttemptFailure failure, int statusCode) =>
            !(failure == AttemptFailure.Status && statusCode == 429);

        /// <summary>The shortest wait <see cref="Backoff"/> can give: whether a retry still fits in the time budget.</summary>
        public static TimeSpan ShortestBackoff(RetryOptions options, int retry, TimeSpan? retryAfter)
        {
            var wait = TimeSpan.FromMilliseconds(BackoffCeilingMs(options, retry) / 2);
            return retryAfter.HasValue && retryAfter.Value > wait ? retryAfter.Value : wait;
        }

        /// <summary>The wait before retry number <paramref name="retry"/> (0 for the first retry).</summary>
        public static TimeSpan Backoff(RetryOptions options, int retry, TimeSpan? retryAfter, Random random)
        {
            // "Equal jitter": half fixed, half random, so waits spread out yet still grow.
            double ms = BackoffCeilingMs(options, retry);
            ms = ms / 2 + random.NextDouble() * ms / 2;
            var wait = TimeSpan.FromMilliseconds(ms);
            if (retryAfter.HasValue && retryAfter.Value > wait) wait = retryAfter.Value;
            return wait;
        }

        private static double BackoffCeilingMs(RetryOptions options, int retry) =>
            Math.Min(options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 16)), options.MaxDelay.TotalMilliseconds);
    }
}
