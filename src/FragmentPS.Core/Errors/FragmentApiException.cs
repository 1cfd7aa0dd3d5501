using System;

namespace FragmentPS.Core.Errors
{
    /// <summary>A failed API call, typed: status, the API's detail as text, the request, and what retries saw.</summary>
    public sealed class FragmentApiException : Exception
    {
        public FragmentApiException(FragmentErrorKind kind, string message, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
        }

        public FragmentErrorKind Kind { get; }

        /// <summary>HTTP status of the last answer, or null when none came.</summary>
        public int? StatusCode { get; set; }

        /// <summary>The API's <c>detail</c>, made readable (one line per validation entry).</summary>
        public string? Detail { get; set; }

        /// <summary>The first field a validation error names (e.g. <c>fields.title</c>), when there is one.</summary>
        public string? Field { get; set; }

        /// <summary>The request, as <c>METHOD /path</c> (never headers, so never the token).</summary>
        public string? Request { get; set; }

        public string? RequestId { get; set; }
        public TimeSpan? RetryAfter { get; set; }

        /// <summary>How many attempts were made (1 when the call was not retried).</summary>
        public int Attempts { get; set; } = 1;
    }
}
