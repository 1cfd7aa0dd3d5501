using System;
using System.Threading;
using FragmentPS.Emulator.Json;

namespace FragmentPS.Emulator.Store
{
    /// <summary>
    /// "Now" at millisecond precision that never goes backwards, so created_at and updated_at orderings agree
    /// with the order in which writes happened even if the wall clock steps back.
    /// </summary>
    internal sealed class EmulatorClock
    {
        private long _lastTicks;

        public DateTime Now()
        {
            long ticks = IsoDates.TruncateToMillisecond(DateTime.UtcNow).Ticks;
            while (true)
            {
                long last = Interlocked.Read(ref _lastTicks);
                if (ticks <= last) return new DateTime(last, DateTimeKind.Utc);
                if (Interlocked.CompareExchange(ref _lastTicks, ticks, last) == last) return new DateTime(ticks, DateTimeKind.Utc);
            }
        }
    }
}
