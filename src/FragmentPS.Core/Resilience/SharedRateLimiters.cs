using System;
using System.Collections.Concurrent;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace FragmentPS.Core.Resilience
{
    /// <summary>
    /// One limiter per token and server in the process, kept for the life of the process: every session of that
    /// token (parallel runspaces included, and sessions with the limiter off, whose requests it counts) draws
    /// from one budget however sessions come and go. Across processes the limiter shares its state through a
    /// file named by a one-way key: the token itself is never kept as a key or written anywhere.
    /// </summary>
    public static class SharedRateLimiters
    {
        private const string StateFilePattern = "ratelimit-*.json";

        private static readonly ConcurrentDictionary<string, AdaptiveRateLimiter> Limiters = new ConcurrentDictionary<string, AdaptiveRateLimiter>();

        /// <summary>The limiter of this token on this server; a connect with a limit sets its rate and burst.</summary>
        public static AdaptiveRateLimiter For(Uri baseUri, string token, RateLimitOptions options)
        {
            string key = BudgetKey(baseUri, token);
            var limiter = Limiters.GetOrAdd(key, _ =>
            {
                string folder = options.SharedStateDirectory ?? SharedStateFile.DefaultDirectory();
                if (folder.Length == 0) return new AdaptiveRateLimiter(null, options, TimeProvider.System);
                SharedStateFile.RemoveStale(folder, StateFilePattern);
                return new AdaptiveRateLimiter(Path.Combine(folder, StateFilePattern.Replace("*", key)), options, TimeProvider.System);
            });
            if (options.RequestsPerMinute > 0) limiter.Configure(options);
            return limiter;
        }

        /// <summary>A short, one-way fingerprint of a token (for telling sessions apart).</summary>
        public static string Fingerprint(string token) => Hex(Encoding.UTF8.GetBytes(token), 8);

        /// <summary>
        /// The key of an account's budget: the server (scheme, host, port) and the token, hashed apart from
        /// <see cref="Fingerprint"/> so that the file name does not repeat what sessions display.
        /// </summary>
        internal static string BudgetKey(Uri baseUri, string token) =>
            Hex(Encoding.UTF8.GetBytes("FragmentPS budget\n" + baseUri.GetLeftPart(UriPartial.Authority).ToLowerInvariant() + "\n" + token), 16);

        private static string Hex(byte[] data, int bytes)
        {
            return Convert.ToHexString(SHA256.HashData(data), 0, bytes).ToLowerInvariant();
        }
    }
}
