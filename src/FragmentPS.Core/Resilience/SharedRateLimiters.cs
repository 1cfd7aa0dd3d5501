using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace FragmentPS.Core.Resilience
{
    /// <summary>
    /// One bucket per token in the process, so every session of that token (parallel runspaces included)
    /// shares the account's limit. Keyed by a hash: the token itself is never kept as a key.
    /// </summary>
    public static class SharedRateLimiters
    {
        private static readonly ConcurrentDictionary<string, TokenBucket> Buckets = new ConcurrentDictionary<string, TokenBucket>();

        /// <summary>The bucket for this token, set to these options (the latest connect decides); null when off.</summary>
        public static TokenBucket? For(string token, RateLimitOptions options)
        {
            string key = Fingerprint(token);
            if (options.RequestsPerMinute <= 0)
            {
                Buckets.TryRemove(key, out _);
                return null;
            }
            double rate = options.RequestsPerMinute * RateLimitOptions.SafetyFactor;
            var bucket = Buckets.GetOrAdd(key, _ => new TokenBucket(rate, options.Burst));
            bucket.Configure(rate, options.Burst);
            return bucket;
        }

        /// <summary>A short, one-way fingerprint of a token (for keys and for telling sessions apart).</summary>
        public static string Fingerprint(string token)
        {
            using var sha = SHA256.Create();
            byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(token));
            var sb = new StringBuilder(16);
            for (int i = 0; i < 8; i++) sb.Append(hash[i].ToString("x2"));
            return sb.ToString();
        }
    }
}
