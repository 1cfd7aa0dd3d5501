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
            string? fix = RecommendedAction(ex);
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = fix };
            return record;
        }

        public static (string Id, ErrorCategory Category) Map(FragmentErrorKind kind)
        {
            switch (kind)
            {
                case FragmentErrorKind.Authentication: return (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError);
                case FragmentErrorKind.PermissionDenied: return (ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied);
                case FragmentErrorKind.NotFound: return (ErrorIds.NotFound, ErrorCategory.ObjectNotFound);
                case FragmentErrorKind.AlreadyExists: return (ErrorIds.TaskExists, ErrorCategory.ResourceExists);
                case FragmentErrorKind.InvalidArgument: return (ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument);
                case FragmentErrorKind.RateLimited: return (ErrorIds.RateLimited, ErrorCategory.LimitsExceeded);
                case FragmentErrorKind.ServerError: return (ErrorIds.ServerError, ErrorCategory.ResourceUnavailable);
                case FragmentErrorKind.Timeout: return (ErrorIds.Timeout, ErrorCategory.OperationTimeout);
                case FragmentErrorKind.Network: return (ErrorIds.NetworkError, ErrorCategory.ConnectionError);
                case FragmentErrorKind.OutcomeUnknown: return (ErrorIds.OutcomeUnknown, ErrorCategory.OperationStopped);
                case FragmentErrorKind.Configuration: return (ErrorIds.InsecureConnection, ErrorCategory.SecurityError);
                case FragmentErrorKind.InvalidPath: return (ErrorIds.InvalidPath, ErrorCategory.InvalidArgument);
                case FragmentErrorKind.ResponseTooLarge: return (ErrorIds.ResponseTooLarge, ErrorCategory.LimitsExceeded);
                case FragmentErrorKind.PagingLoop: return (ErrorIds.PagingLoop, ErrorCategory.InvalidResult);
                default: return (ErrorIds.InvalidResponse, ErrorCategory.InvalidResult);
            }
        }

        private static string? RecommendedAction(FragmentApiException ex)
        {
            switch (ex.Kind)
            {
                case FragmentErrorKind.Authentication: return "Check the token (Settings > Developers in Fragment) and run Connect-Fragment again.";
                case FragmentErrorKind.RateLimited: return "The account stayed busy for the whole retry time: try again later, give retries more time (Connect-Fragment -MaximumRetryTimeSec), or send fewer requests.";
                case FragmentErrorKind.OutcomeUnknown: return "Check whether the change was applied before you repeat it.";
                case FragmentErrorKind.AlreadyExists: return "Give -Force to overwrite the task with this input, or change it with Set-FragmentTask.";
                case FragmentErrorKind.ResponseTooLarge: return "If an answer this large is expected, raise the limit with Connect-Fragment -MaximumResponseSizeMB; for a search, ask for smaller pages with -PageSize.";
                case FragmentErrorKind.PagingLoop: return "The server's cursors do not end: narrow the search (-Filter, -Status, the date parameters), or report it to whoever runs the server.";
                case FragmentErrorKind.InvalidArgument: return ex.Field != null ? $"Correct the value of '{ex.Field}'." : null;
                default: return null;
            }
        }

        public static ErrorRecord Refused(string id, ErrorCategory category, string message, object? target, string? fix = null)
        {
            var record = new ErrorRecord(new FragmentException(message), id, category, target);
            if (fix != null) record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = fix };
            return record;
        }
    }
}
