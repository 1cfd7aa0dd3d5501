using System;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using FragmentPS.Emulator.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace FragmentPS.Emulator.Admin
{
    /// <summary>
    /// What every /_emulator/ request must pass before its handler runs. The admin routes can add tokens, inject
    /// faults and fill memory, so: a loopback Host only (a web page that rebinds its own name to 127.0.0.1 still
    /// sends its name); the admin key in <see cref="KeyHeader"/> (a custom header, which no cross-site form or
    /// simple request can send); and JSON bodies only (text/plain and form posts need no preflight).
    /// </summary>
    internal static class AdminGate
    {
        public const string KeyHeader = "X-Fragment-Emulator-Key";

        /// <summary>The answer refusing <paramref name="request"/>, or null when it may go on.</summary>
        public static ApiResult? Refuse(HttpRequest request, string adminKey)
        {
            if (!IsLoopback(request.Host))
            {
                return ApiResult.Detail(403, "The admin routes answer only requests addressed to a loopback host (127.0.0.1, [::1] or localhost)");
            }
            string? given = request.Headers[KeyHeader];
            if (string.IsNullOrEmpty(given))
            {
                return ApiResult.Detail(401, $"The admin routes need the header {KeyHeader} with the key the emulator printed at start ('Admin key: ...')");
            }
            if (!SameKey(given, adminKey)) return ApiResult.Detail(401, $"The {KeyHeader} header does not hold this emulator's admin key");
            if (HasBody(request) && !IsJson(request.ContentType))
            {
                return ApiResult.Detail(415, "The admin routes take application/json bodies only");
            }
            return null;
        }

        public static string NewKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

        private static bool IsLoopback(HostString host)
        {
            if (!host.HasValue) return false;
            string name = host.Host.Trim('[', ']');
            if (string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            return IPAddress.TryParse(name, out IPAddress? address) && IPAddress.IsLoopback(address);
        }

        private static bool SameKey(string given, string key) =>
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key));

        /// <summary>A body is there: a Content-Type alone (Invoke-RestMethod sends one on a bodyless POST) carries nothing.</summary>
        private static bool HasBody(HttpRequest request) =>
            request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

        private static bool IsJson(string? contentType) =>
            MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? type) &&
            string.Equals(type.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase);
    }
}
