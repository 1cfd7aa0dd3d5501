using System;
using System.Threading;
using System.Threading.Tasks;
using FragmentPS.Core.Models;

namespace FragmentPS.Core
{
    /// <summary>
    /// Walks a cursor-paged listing one page at a time. It may fetch the following page while the caller
    /// writes out the current one (at most one page ahead, and only when the caller says it still wants more),
    /// and it stops on a null <c>next_cursor</c> or an empty page. Disposing cancels a fetch in flight.
    /// </summary>
    public sealed class PageStream<T> : IDisposable where T : class
    {
        private readonly Func<string?, CancellationToken, Task<Page<T>>> _fetch;
        private readonly CancellationTokenSource _lifetime;
        private Task<Page<T>>? _ahead;
        private string? _cursor;
        private bool _started;
        private bool _finished;
        private Page<T>? _last;

        public PageStream(Func<string?, CancellationToken, Task<Page<T>>> fetch, CancellationToken ct)
        {
            _fetch = fetch;
            _lifetime = CancellationTokenSource.CreateLinkedTokenSource(ct);
        }

        /// <summary>Requests made so far (for progress and tests).</summary>
        public int PagesRequested { get; private set; }

        /// <summary>The next page, or null at the end.</summary>
        public async Task<Page<T>?> NextAsync(CancellationToken ct)
        {
            if (IsFinished) return null;
            Task<Page<T>> pending = _ahead ?? Start(_started ? _cursor : null);
            _ahead = null;
            _started = true;
            Page<T> page;
            using (ct.Register(() => _lifetime.Cancel()))
                page = await pending.ConfigureAwait(false);
            // Only the meta here: this runs on the thread that received the page, and counting the items
            // may read them all (see PageReader), which is the consumer's work.
            _last = page;
            _cursor = page.Meta?.NextCursor;
            return page;
        }

        /// <summary>Starts on the following page while the caller writes out the current one (one page ahead at most).</summary>
        public void Prefetch()
        {
            if (!IsFinished && _started && _ahead == null) _ahead = Start(_cursor);
        }

        /// <summary>True after a page without a next cursor, or an empty one. Checked on the caller's thread.</summary>
        private bool IsFinished
        {
            get
            {
                if (!_finished && _last != null)
                {
                    _finished = string.IsNullOrEmpty(_cursor) || !_last.HasItemAt(0);
                    _last = null;
                }
                return _finished;
            }
        }

        private Task<Page<T>> Start(string? cursor)
        {
            PagesRequested++;
            return _fetch(cursor, _lifetime.Token);
        }

        public void Dispose()
        {
            _lifetime.Cancel();
            if (_ahead == null)
            {
                _lifetime.Dispose();
                return;
            }
            // A prefetch may still be using the token: release the source once it has ended, and observe its
            // (cancelled or failed) outcome so it is never an unobserved exception.
            var lifetime = _lifetime;
            _ahead.ContinueWith(t => { _ = t.Exception; lifetime.Dispose(); }, TaskScheduler.Default);
        }
    }
}
