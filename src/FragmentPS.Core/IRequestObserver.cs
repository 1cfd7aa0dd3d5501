using System;

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
    }

    public sealed class ClientEvent
    {
        public ClientEvent(ClientEventKind kind, string message, TimeSpan? wait = null)
        {
            Kind = kind;
            Message = message;
            Wait = wait;
        }

        public ClientEventKind Kind { get; }
        public string Message { get; }
        public TimeSpan? Wait { get; }
        public override string ToString() => Message;
    }

    /// <summary>
    /// Receives what the client does. Called from any thread (continuations, Polly callbacks): an
    /// implementation queues, it must not write to a UI or a PowerShell stream directly.
    /// </summary>
    public interface IRequestObserver
    {
        bool WantsBodies { get; }
        void OnEvent(ClientEvent clientEvent);
    }

    internal sealed class NullObserver : IRequestObserver
    {
        public static readonly NullObserver Instance = new NullObserver();
        public bool WantsBodies => false;
        public void OnEvent(ClientEvent clientEvent) { }
    }
}
