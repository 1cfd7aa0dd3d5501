namespace FragmentPS.Core
{
    /// <summary>
    /// Receives what the client does. Called from any thread (continuations, Polly callbacks): an
    /// implementation queues, it must not write to a UI or a PowerShell stream directly.
    /// </summary>
    public interface IRequestObserver
    {
        bool WantsBodies { get; }
        void OnEvent(ClientEvent clientEvent);
    }
}
