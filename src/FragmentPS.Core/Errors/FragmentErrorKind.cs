namespace FragmentPS.Core.Errors
{
    /// <summary>What went wrong, independent of PowerShell; the cmdlet edge maps each kind once.</summary>
    public enum FragmentErrorKind
    {
        Authentication,      // 401
        PermissionDenied,    // 403
        NotFound,            // 404
        AlreadyExists,       // a create found its uid taken by a task that holds something else
        InvalidArgument,     // 400, 422, 413 and input the client refuses before sending
        RateLimited,         // 429 after retries
        ServerError,         // 5xx after retries
        Timeout,             // no answer in time
        Network,             // could not connect, or the connection broke before anything could have been applied
        OutcomeUnknown,      // a non-idempotent call broke after it was sent: it may have been applied
        InvalidResponse,     // the server answered something that is not the contract
        ResponseTooLarge,    // an answer's body passed the session's size limit and was not read
        Configuration,       // the client refuses the setup (e.g. a token over plain http)
        InvalidPath,         // a request path that would leave the session's base URI, refused before sending
        PagingLoop,          // a listing whose cursors would never end: one seen before, or more pages than its total_count allows
    }
}
