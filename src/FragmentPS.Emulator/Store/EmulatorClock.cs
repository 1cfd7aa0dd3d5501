using System;
using FragmentPS.Emulator.Json;

namespace FragmentPS.Emulator.Store
{
    /// <summary>
    /// The emulator's "now", the one source of every date the server sets (created_at, updated_at, the default
    /// due_at, started_at, done_at...). By default the machine's clock; tests may move it (<see cref="Set"/>,
    /// <see cref="Advance"/>) and it runs on from there at the machine clock's pace. Millisecond precision, and
    /// it never goes backwards between two moves, so created_at and updated_at orderings agree with the order in
    /// which writes happened even if the machine clock steps back.
    /// </summary>
    internal sealed class EmulatorClock
    {
        private readonly object _gate = new object();
        private long _offsetTicks;
        private long _lastTicks;

        public EmulatorClock(DateTime? start = null)
        {
            if (start is DateTime at) Set(at);
        }

        public DateTime Now()
        {
            lock (_gate)
            {
                long ticks = IsoDates.TruncateToMillisecond(new DateTime(DateTime.UtcNow.Ticks + _offsetTicks, DateTimeKind.Utc)).Ticks;
                if (ticks > _lastTicks) _lastTicks = ticks;
                return new DateTime(_lastTicks, DateTimeKind.Utc);
            }
        }

        /// <summary>From now on the clock reads <paramref name="utc"/> and runs on from there (earlier dates included).</summary>
        public DateTime Set(DateTime utc)
        {
            lock (_gate)
            {
                _offsetTicks = utc.Ticks - DateTime.UtcNow.Ticks;
                _lastTicks = 0;
                return Now();
            }
        }

        /// <summary>Moves the clock by <paramref name="by"/> (forward when positive).</summary>
        public DateTime Advance(TimeSpan by)
        {
            lock (_gate)
            {
                _offsetTicks += by.Ticks;
                if (by < TimeSpan.Zero) _lastTicks = 0;
                return Now();
            }
        }
    }
}
