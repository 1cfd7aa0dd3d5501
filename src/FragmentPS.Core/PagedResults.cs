using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Models;

namespace FragmentPS.Core
{
    /// <summary>
    /// The items of a cursor-paged listing, page after page: it follows <c>meta.next_cursor</c> until it is
    /// null or a page is empty [SPEC]. One page is fetched ahead: the next one is asked for once the first
    /// item of the current page has been taken, so it arrives while the consumer works through the rest, and
    /// a consumer that stops at the first item costs no second request. No page is asked for beyond
    /// <c>maxItems</c>. Stopping the enumeration cancels a page in flight.
    /// <para>
    /// The server's cursors are not trusted to end: a cursor that comes back a second time, or more pages than
    /// the largest <c>total_count</c> seen allows, ends the listing with <see cref="FragmentErrorKind.PagingLoop"/>
    /// once the page at hand has been taken. Every page that leads on holds an item, so a listing of n items
    /// needs at most n + 1 pages, however short its pages are; tasks created during the search raise the total.
    /// </para>
    /// </summary>
    public sealed class PagedResults<T> : IAsyncEnumerable<T>
    {
        private readonly Func<string?, CancellationToken, Task<Page<T>>> _fetchPage;
        private readonly long _maxItems;

        /// <param name="fetchPage">Fetches the page at a cursor (null: the first page).</param>
        /// <param name="maxItems">The most items the consumer will take.</param>
        public PagedResults(Func<string?, CancellationToken, Task<Page<T>>> fetchPage, long maxItems = long.MaxValue)
        {
            _fetchPage = fetchPage;
            _maxItems = maxItems;
        }

        /// <summary>Pages asked for so far.</summary>
        public int PagesRequested { get; private set; }

        /// <summary>The <c>total_count</c> of the latest page, when it had one.</summary>
        public long? TotalCount { get; private set; }

        public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task<Page<T>>? pending = Fetch(null, lifetime.Token);
            var cursorsAsked = new HashSet<string>(StringComparer.Ordinal);
            long largestTotal = -1;
            long taken = 0;
            try
            {
                while (pending != null)
                {
                    Page<T> page = await pending.ConfigureAwait(false);
                    pending = null;
                    TotalCount = page.Meta.TotalCount;
                    largestTotal = Math.Max(largestTotal, page.Meta.TotalCount ?? -1);
                    string? next = page.Meta.NextCursor;
                    bool more = !string.IsNullOrEmpty(next) && page.Items.Count > 0 && taken + page.Items.Count < _maxItems;
                    FragmentApiException? loop = more ? Loop(next!, cursorsAsked, largestTotal) : null;
                    if (loop != null) more = false;
                    else if (more) cursorsAsked.Add(next!);
                    foreach (T item in page.Items)
                    {
                        if (taken == _maxItems) yield break;
                        taken++;
                        yield return item;
                        if (more && pending == null) pending = Fetch(next, lifetime.Token);
                    }
                    if (loop != null) throw loop;
                }
            }
            finally
            {
                lifetime.Cancel();
                if (pending == null) lifetime.Dispose();
                // A page still in flight uses the token: release it once that request has ended, and observe its
                // (cancelled or failed) outcome so that it is never an unobserved exception.
                else _ = pending.ContinueWith(t => { _ = t.Exception; lifetime.Dispose(); }, TaskScheduler.Default);
            }
        }

        /// <summary>Why the page at <paramref name="next"/> must not be asked for, or null when it may.</summary>
        private FragmentApiException? Loop(string next, HashSet<string> cursorsAsked, long largestTotal)
        {
            if (cursorsAsked.Contains(next))
            {
                string shown = next.Length > 40 ? string.Concat(next.AsSpan(0, 40), "…") : next;
                return new FragmentApiException(FragmentErrorKind.PagingLoop,
                    $"The server sent the cursor '{shown}' a second time after {PagesRequested} pages; the listing would never end, so it stopped here.");
            }
            if (largestTotal >= 0 && PagesRequested > largestTotal)
            {
                return new FragmentApiException(FragmentErrorKind.PagingLoop,
                    $"The server sent a further cursor after {PagesRequested} pages, more than its total_count of {largestTotal} allows; the listing would never end, so it stopped here.");
            }
            return null;
        }

        private Task<Page<T>> Fetch(string? cursor, CancellationToken ct)
        {
            PagesRequested++;
            return _fetchPage(cursor, ct);
        }
    }
}
