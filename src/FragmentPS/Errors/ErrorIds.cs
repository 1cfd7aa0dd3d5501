namespace FragmentPS.Errors
{
    /// <summary>Stable ErrorIds: scripts and tests match on these, so they never change once shipped.</summary>
    public static class ErrorIds
    {
        // From the API (mapped from FragmentErrorKind).
        public const string AuthenticationFailed = "FragmentAuthenticationFailed";
        public const string PermissionDenied = "FragmentPermissionDenied";
        public const string NotFound = "FragmentNotFound";
        public const string TaskExists = "FragmentTaskExists";
        public const string InvalidArgument = "FragmentInvalidArgument";
        public const string RateLimited = "FragmentRateLimited";
        public const string ServerError = "FragmentServerError";
        public const string Timeout = "FragmentTimeout";
        public const string NetworkError = "FragmentNetworkError";
        public const string OutcomeUnknown = "FragmentOutcomeUnknown";
        public const string InvalidResponse = "FragmentInvalidResponse";
        public const string ResponseTooLarge = "FragmentResponseTooLarge";
        public const string InsecureConnection = "FragmentInsecureConnection";
        public const string InvalidPath = "FragmentInvalidPath";
        public const string PagingLoop = "FragmentPagingLoop";

        // Refused before any request.
        public const string NoSession = "FragmentNoSession";
        public const string SessionMismatch = "FragmentSessionMismatch";
        public const string InvalidInputProperty = "FragmentInvalidInputProperty";
        public const string SessionNotFound = "FragmentSessionNotFound";
        public const string NoToken = "FragmentNoToken";
        public const string InvalidToken = "FragmentInvalidToken";
        public const string InvalidUid = "FragmentInvalidUid";
        public const string EmptyTitle = "FragmentEmptyTitle";
        public const string InvalidStatus = "FragmentInvalidStatus";
        public const string InvalidFieldValue = "FragmentInvalidFieldValue";
        public const string NothingToChange = "FragmentNothingToChange";
        public const string EmptyContent = "FragmentEmptyContent";
        public const string EmulatorFailed = "FragmentEmulatorFailed";
        public const string EmulatorPortInUse = "FragmentEmulatorPortInUse";
        public const string NoEmulator = "FragmentNoEmulator";
        public const string EmulatorNotRunning = "FragmentEmulatorNotRunning";
        public const string EmulatorRefused = "FragmentEmulatorRefused";
    }
}
