using System;

namespace FragmentPS.Core.Resilience
{
    /// <summary>
    /// How fast the client may send after a 429: CUBIC, as the AWS SDKs' adaptive retry mode adapts its client
    /// token bucket (botocore <c>retries/throttling.py</c> <c>CubicCalculator</c> and <c>retries/adaptive.py</c>
    /// <c>ClientRateLimiter</c>). A 429 that came while sending at rate W_max drops the rate to
    /// <see cref="Beta"/> × W_max; from there it grows back along W(t) = C (t − K)³ + W_max, K = ∛(W_max (1 − β) / C):
    /// fast at first, flat near the rate that was refused (so clients that share a limit settle just below it),
    /// and only later probing above it. Clients that never coordinate converge on shares of the limit this way.
    /// <para>
    /// AWS's scale constant (C = 0.4 requests/s³) suits services that allow hundreds of requests a second; at the
    /// API's one request a second it would be back over the limit within two seconds. Here C follows from the
    /// configured rate, so that recovering from a 429 at the full rate takes <see cref="RecoverySeconds"/>
    /// (K = RecoverySeconds × ∛(W_max / nominal)). The rate never exceeds the configured one and never falls
    /// below <see cref="MinimumShare"/> of it.
    /// </para>
    /// </summary>
    internal static class CubicRate
    {
        /// <summary>The multiplicative decrease on a 429 (AWS's and CUBIC's β).</summary>
        public const double Beta = 0.7;

        /// <summary>Seconds from a 429 at the full configured rate until that rate is reached again.</summary>
        public const double RecoverySeconds = 30;

        /// <summary>The lowest rate, as a share of the configured one: a client never stops altogether.</summary>
        public const double MinimumShare = 0.05;

        /// <summary>The rate (per second) <paramref name="secondsSinceThrottle"/> after a 429 that came at <paramref name="maxRate"/>.</summary>
        public static double At(double nominalRate, double maxRate, double secondsSinceThrottle)
        {
            double c = nominalRate * (1 - Beta) / (RecoverySeconds * RecoverySeconds * RecoverySeconds);
            double k = Math.Pow(maxRate * (1 - Beta) / c, 1.0 / 3);
            double dt = Math.Max(0, secondsSinceThrottle) - k;
            double rate = c * dt * dt * dt + maxRate;
            return Math.Max(nominalRate * MinimumShare, Math.Min(nominalRate, rate));
        }
    }
}
