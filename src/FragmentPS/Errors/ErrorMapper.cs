using System;
using System.Management.Automation;
using FragmentPS.Core.Errors;

namespace FragmentPS.Errors
{
    /// <summary>The one place where Core's typed errors become PowerShell ErrorRecords.</summary>
    internal static class ErrorMapper
    {
        public static ErrorRecord ToErrorRecord(FragmentApiException ex, object? target, Func<string, string> redact)
        {
            var (id, category) = Map(ex.Kind);
            string message = redact(ex.Message);
            var record = new ErrorRecord(new FragmentException(message, ex), id, category, target);
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = RecommendedAction(ex) };
            return record;
        }

        public static (string Id, ErrorCategory Category) Map(FragmentErrorKind kind) => kind switch
        {
            FragmentErrorKind.Authentication => (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError),
            FragmentErrorKind.PermissionDenied => (ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied),
            FragmentErrorKind.NotFound => (ErrorIds.NotFound, ErrorCategory.ObjectNotFound),
            FragmentErrorKind.AlreadyExists => (ErrorIds.TaskExists, ErrorCategory.ResourceExists),
            FragmentErrorKind.InvalidArgument => (ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument),
            FragmentErrorKind.RateLimited => (ErrorIds.RateLimited, ErrorCategory.LimitsExceeded),
            FragmentErrorKind.ServerError => (ErrorIds.ServerError, ErrorCategory.ResourceUnavailable),
            FragmentErrorKind.Timeout => (ErrorIds.Timeout, ErrorCategory.OperationTimeout),
            FragmentErrorKind.Network => (ErrorIds.NetworkError, ErrorCategory.ConnectionError),
            FragmentErrorKind.OutcomeUnknown => (ErrorIds.OutcomeUnknown, ErrorCategory.OperationStopped),
            FragmentErrorKind.Configuration => (ErrorIds.InsecureConnection, ErrorCategory.SecurityError),
            FragmentErrorKind.InvalidPath => (ErrorIds.InvalidPath, ErrorCategory.InvalidArgument),
            FragmentErrorKind.ResponseTooLarge => (ErrorIds.ResponseTooLarge, ErrorCategory.LimitsExceeded),
            FragmentErrorKind.PagingLoop => (ErrorIds.PagingLoop, ErrorCategory.InvalidResult),
            _ => (ErrorIds.InvalidResponse, ErrorCategory.InvalidResult),
        };

        private static string? RecommendedAction(FragmentApiException ex) => ex.Kind switch
        {
            FragmentErrorKind.Authentication => "Check the token (Settings > Developers in Fragment) and run Connect-Fragment again.",
            FragmentErrorKind.RateLimited => "The account stayed busy for the whole retry time: try again later, give retries more time (Connect-Fragment -MaximumRetryTimeSec), or send fewer requests.",
            FragmentErrorKind.OutcomeUnknown => "Check whether the change was applied before you repeat it.",
            FragmentErrorKind.AlreadyExists => "Give -Force to overwrite the task with this input, or change it with Set-FragmentTask.",
            FragmentErrorKind.ResponseTooLarge => "If an answer this large is expected, raise the limit with Connect-Fragment -MaximumResponseSizeMB; for a search, ask for smaller pages with -PageSize.",
            FragmentErrorKind.PagingLoop => "The server's cursors do not end: narrow the search (-Filter, -Status, the date parameters), or report it to whoever runs the server.",
            FragmentErrorKind.InvalidArgument => ex.Field != null ? $"Correct the value of '{ex.Field}'." : null,
            _ => null,
        };

        public static ErrorRecord Refused(string id, ErrorCategory category, string message, object? target, string? fix = null)
        {
            var record = new ErrorRecord(new FragmentException(message), id, category, target);
            if (fix != null) record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = fix };
            return record;
        }
    }
}
