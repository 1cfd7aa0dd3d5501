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
    /// Waits: jittered exponential backoff from <see cref="RetryOptions.BaseDelay"/>, never shorter than the
    /// server's Retry-After, capped by <see cref="RetryOptions.MaxDelay"/> and the total <see cref="RetryOptions.MaxRetryTime"/>.
    /// </summary>
    public static class RetryTable
    {
        public static readonly int[] RetriedStatuses = { 429, 502, 503, 504 };

        public static bool IsIdempotent(string method) =>
            !string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase);

        public static bool ShouldRetry(string method, AttemptFailure failure, int statusCode, bool serverAnsweredBefore) =>
            ShouldRetry(IsIdempotent(method), failure, statusCode, serverAnsweredBefore);

        /// <summary>As above, for a call whose repeat is known to be safe (or not) whatever its method.</summary>
        public static bool ShouldRetry(bool repeatSafe, AttemptFailure failure, int statusCode, bool serverAnsweredBefore)
        {
            switch (failure)
            {
                case AttemptFailure.ConnectFailed:
                    return serverAnsweredBefore;
                case AttemptFailure.Status:
                    return statusCode == 429 || (repeatSafe && RetriedStatuses.Contains(statusCode));
                case AttemptFailure.Timeout:
                case AttemptFailure.ConnectionBroken:
                case AttemptFailure.BrokenBody:
                    return repeatSafe;
                default:
                    return false;
            }
        }

        /// <summary>True when an attempt that ended so may have been applied by the server (its answer was lost or cut off).</summary>
        public static bool MayHaveBeenApplied(AttemptFailure failure) =>
            failure == AttemptFailure.Timeout || failure == AttemptFailure.ConnectionBroken || failure == AttemptFailure.BrokenBody;

        /// <summary>The wait before retry number <paramref name="retry"/> (0 for the first retry).</summary>
        public static TimeSpan Backoff(RetryOptions options, int retry, TimeSpan? retryAfter, Random random)
        {
            double baseMs = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 16));
            // "Equal jitter": half fixed, half random, so waits spread out yet still grow.
            double ms = Math.Min(baseMs, options.MaxDelay.TotalMilliseconds);
            ms = ms / 2 + random.NextDouble() * ms / 2;
            var wait = TimeSpan.FromMilliseconds(ms);
            if (retryAfter.HasValue && retryAfter.Value > wait) wait = retryAfter.Value;
            return wait;
        }
    }
}
