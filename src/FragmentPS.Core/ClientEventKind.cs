namespace FragmentPS.Core
{
    public enum ClientEventKind
    {
        /// <summary>An attempt finished: <c>METHOD URL -> status (ms, attempt n)</c>.</summary>
        Request,
        /// <summary>A request or response body (only when <see cref="IRequestObserver.WantsBodies"/>).</summary>
        Body,
        /// <summary>A failed attempt will be retried after <see cref="ClientEvent.Wait"/>.</summary>
        Retry,
        /// <summary>The client-side rate limiter holds the call for <see cref="ClientEvent.Wait"/>.</summary>
        Throttle,
        /// <summary>A remark on how the client works for this session (e.g. the rate limit is not shared across processes).</summary>
        Note,
    }
}
