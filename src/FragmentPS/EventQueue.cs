using System;
using System.Collections.Concurrent;
using System.Threading;
using FragmentPS.Core;

namespace FragmentPS
{
    /// <summary>Collects Core's events from any thread; the pipeline thread drains them.</summary>
    internal sealed class EventQueue : IRequestObserver, IDisposable
    {
        private readonly ConcurrentQueue<ClientEvent> _queue = new ConcurrentQueue<ClientEvent>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);

        public bool WantsBodies { get; set; }

        public void OnEvent(ClientEvent clientEvent)
        {
            _queue.Enqueue(clientEvent);
            Wake();
        }

        public void Wake()
        {
            try { _signal.Release(); }
            catch (ObjectDisposedException) { }
        }

        public void WaitForWork(TimeSpan timeout) => _signal.Wait(timeout);

        public bool TryDequeue(out ClientEvent clientEvent) => _queue.TryDequeue(out clientEvent!);

        public void Dispose() => _signal.Dispose();
    }
}
