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

        /// <summary>The batch items the refusal names (0-based), when it names any; null for a refusal of the whole call.</summary>
        public System.Collections.Generic.IReadOnlyList<int>? ItemIndexes { get; set; }

        /// <summary>
        /// An attempt of this call broke after it was sent (no answer, a cut-off answer), so the server may have
        /// applied it: a retried DELETE that then finds nothing deleted it itself.
        /// </summary>
        public bool MayHaveBeenApplied { get; set; }

        /// <summary>How many attempts were made (1 when the call was not retried).</summary>
        public int Attempts { get; set; } = 1;

        /// <summary>The same error told with another message (one that names the input, or what it stopped).</summary>
        public FragmentApiException WithMessage(string message) => new FragmentApiException(Kind, message, InnerException)
        {
            StatusCode = StatusCode,
            Detail = Detail,
            Field = Field,
            Request = Request,
            RequestId = RequestId,
            RetryAfter = RetryAfter,
            ItemIndexes = ItemIndexes,
            MayHaveBeenApplied = MayHaveBeenApplied,
            Attempts = Attempts,
        };
    }
}
