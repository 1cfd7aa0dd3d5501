using System;
using FragmentPS.Core.Errors;

namespace FragmentPS.Errors
{
    /// <summary>The exception inside FragmentPS ErrorRecords: message only, no stack noise for the user.</summary>
    public sealed class FragmentException : Exception
    {
        public FragmentException(string message) : base(message)
        {
        }

        // Internal: a public constructor that names a Core type would make PowerShell load Core while it
        // scans the cmdlet assembly at import, before the module's load context is set up.
        internal FragmentException(string message, FragmentApiException apiError) : base(message)
        {
            StatusCode = apiError.StatusCode;
            Field = apiError.Field;
            Request = apiError.Request;
            RetryAfter = apiError.RetryAfter;
            Attempts = apiError.Attempts;
            RequestId = apiError.RequestId;
        }

        /// <summary>The server's request id, when it sent one (quote it to support).</summary>
        public string? RequestId { get; }

        public int? StatusCode { get; }
        public string? Field { get; }
        public string? Request { get; }
        public TimeSpan? RetryAfter { get; }
        public int Attempts { get; }
    }
}
