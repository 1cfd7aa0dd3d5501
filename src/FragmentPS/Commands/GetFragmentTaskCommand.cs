using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using FragmentPS.Core;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Models;
using FragmentPS.Errors;
using FragmentPS.Internal;

namespace FragmentPS.Commands
{
    /// <summary>
    /// Gets tasks by uid, or searches them. A search streams: each task is written as soon as its page has
    /// arrived, and every page is followed unless -First says to stop (which also stops the fetching).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "FragmentTask", DefaultParameterSetName = SearchSet, SupportsPaging = true)]
    [OutputType(typeof(FragmentTask))]
    public sealed class GetFragmentTaskCommand : FragmentCmdlet
    {
        private const string SearchSet = "Search";
        private const string UidSet = "ByUid";
        private const int ProgressId = 0x46524148;
        private ulong _uidsSeen;
        private ulong _uidsWritten;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = UidSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [UidTransformation]
        [ArgumentCompleter(typeof(Completers.TaskUidCompleter))]
        public Guid[] Uid { get; set; } = Array.Empty<Guid>();

        [Parameter(ParameterSetName = SearchSet)]
        [ValidateSet(TaskStatuses.Todo, TaskStatuses.Started, TaskStatuses.Done)]
        public string[]? Status { get; set; }

        /// <summary>Custom-field filters, e.g. @{ country = 'FR' }; an array value matches any of its items.</summary>
        [Parameter(ParameterSetName = SearchSet)]
        [ArgumentCompleter(typeof(Completers.FieldNameCompleter))]
        public IDictionary? Filter { get; set; }

        [Parameter(ParameterSetName = SearchSet)]
        public Guid[]? AssigneeUid { get; set; }

        [Parameter(ParameterSetName = SearchSet)]
        public Guid[]? QueueUid { get; set; }

        [Parameter(ParameterSetName = SearchSet)]
        public Guid[]? ParentUid { get; set; }

        [Parameter(ParameterSetName = SearchSet)]
        public bool? Archived { get; set; }

        [Parameter(ParameterSetName = SearchSet)]
        public DateTimeOffset? CreatedAfter { get; set; }

        [Parameter(ParameterSetName = SearchSet)]
        public DateTimeOffset? CreatedBefore { get; set; }

        [Parameter(ParameterSetName = SearchSet)]
        public DateTimeOffset? UpdatedAfter { get; set; }

        [Parameter(ParameterSetName = SearchSet)]
        public DateTimeOffset? UpdatedBefore { get; set; }

        [Parameter(ParameterSetName = SearchSet)]
        public DateTimeOffset? DueAfter { get; set; }

        [Parameter(ParameterSetName = SearchSet)]
        public DateTimeOffset? DueBefore { get; set; }

        [Parameter(ParameterSetName = SearchSet)]
        public FragmentTaskSortField SortBy { get; set; } = FragmentTaskSortField.CreatedAt;

        [Parameter(ParameterSetName = SearchSet)]
        public SwitchParameter Descending { get; set; }

        /// <summary>Tasks per page request, 1 to 100 (a hint: -First may ask for fewer).</summary>
        [Parameter(ParameterSetName = SearchSet)]
        [ValidateRange(1, TaskQuery.MaxPageSize)]
        public int PageSize { get; set; } = TaskQuery.DefaultPageSize;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == UidSet)
            {
                foreach (var uid in Uid)
                {
                    // -Skip and -First count uids, across pipeline input too.
                    if (_uidsSeen++ < PagingParameters.Skip || _uidsWritten >= PagingParameters.First) continue;
                    _uidsWritten++;
                    try { WriteTask(OutputMapper.ToTask(RunSync(ct => Client.GetTaskAsync(uid, ct)))); }
                    catch (FragmentApiException ex) { WriteApiError(ex, uid); }
                }
                return;
            }
            Search();
        }

        private void Search()
        {
            TaskQuery query;
            try { query = BuildQuery(); }
            catch (InputRefusedException ex) { ThrowTerminatingError(ex.ToErrorRecord(Filter)); return; }

            ulong skip = PagingParameters.Skip;
            ulong first = PagingParameters.First;
            // Ask for no more than -First needs, so -First 5 costs one small page.
            if (first < (ulong)query.PageSize) query.PageSize = (int)Math.Max(1, Math.Min((ulong)query.PageSize, first + skip));

            ulong seen = 0, written = 0;
            bool totalWritten = false;
            var progress = new ProgressRecord(ProgressId, "Get-FragmentTask", "Searching tasks");
            bool progressShown = false;
            using var pages = Client.SearchTasks(query, StopToken);
            try
            {
                while (written < first)
                {
                    // How many more items this search must read; saturating, since -First defaults to ulong.MaxValue.
                    ulong toSkip = skip > seen ? skip - seen : 0;
                    ulong stillNeeded = first - written > ulong.MaxValue - toSkip ? ulong.MaxValue : first - written + toSkip;
                    Page<TaskRecord>? page = RunSync(ct => pages.NextAsync(ct));
                    if (page == null) break;
                    // Count the page only when -First needs it: counting reads the whole page, and an
                    // unbounded search writes its first task before the rest of the page is read.
                    bool wantMore = stillNeeded == ulong.MaxValue || (ulong)page.Items.Count < stillNeeded;

                    if (!totalWritten && PagingParameters.IncludeTotalCount)
                    {
                        totalWritten = true;
                        WriteObject(PagingParameters.NewTotalCount((ulong)(page.Meta.TotalCount ?? 0), page.Meta.TotalCount.HasValue ? 1.0 : 0.0));
                    }
                    for (int i = 0; page.HasItemAt(i); i++)
                    {
                        if (seen++ < skip) continue;
                        if (written >= first) break;
                        written++;
                        // One task the API sent broken fails alone; the others go on.
                        try { WriteTask(OutputMapper.ToTask(page.Items[i])); }
                        catch (FragmentApiException ex) { WriteApiError(ex, query); }
                        // The next page is asked for once the first task is out: a consumer that stops at the
                        // first task (Select-Object -First 1) costs no request and leaves none to cancel.
                        if (wantMore) pages.Prefetch();
                    }
                    if (wantMore) pages.Prefetch();
                    if (pages.PagesRequested > 1 || progressShown)
                    {
                        progressShown = true;
                        long total = page.Meta.TotalCount ?? 0;
                        progress.StatusDescription = total > 0 ? $"Received {seen} of {total} tasks" : $"Received {seen} tasks";
                        progress.PercentComplete = total > 0 ? (int)Math.Min(100, seen * 100 / (ulong)total) : -1;
                        WriteProgress(progress);
                    }
                    if (!wantMore) break;
                }
            }
            catch (FragmentApiException ex)
            {
                // A page that failed (after the retries), or one whose text is broken: the search ends here.
                ThrowApiError(ex, query);
            }
            finally
            {
                if (progressShown)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgress(progress);
                }
            }
        }

        private TaskQuery BuildQuery()
        {
            var query = new TaskQuery
            {
                Archived = Archived,
                CreatedAfter = CreatedAfter,
                CreatedBefore = CreatedBefore,
                UpdatedAfter = UpdatedAfter,
                UpdatedBefore = UpdatedBefore,
                DueAfter = DueAfter,
                DueBefore = DueBefore,
                SortBy = (TaskSortField)Enum.Parse(typeof(TaskSortField), SortBy.ToString()),
                Descending = Descending,
                PageSize = PageSize,
            };
            if (Status != null) query.Statuses.AddRange(Status.Select(s => TaskStatuses.Normalize(s) ?? s));
            if (AssigneeUid != null) query.AssigneeUids.AddRange(AssigneeUid);
            if (QueueUid != null) query.QueueUids.AddRange(QueueUid);
            if (ParentUid != null) query.ParentUids.AddRange(ParentUid);
            if (Filter != null)
            {
                foreach (DictionaryEntry entry in Filter)
                {
                    string key = entry.Key?.ToString() ?? string.Empty;
                    if (key.Trim().Length == 0)
                        throw new InputRefusedException(ErrorIds.InvalidFieldValue, ErrorCategory.InvalidArgument, "A key of -Filter is empty; use a field name such as 'country'.");
                    if (key.StartsWith("fields.", StringComparison.OrdinalIgnoreCase)) key = key.Substring("fields.".Length);
                    query.Fields[key] = FilterValues.ToText(entry.Value, key);
                }
            }
            return query;
        }
    }
}
