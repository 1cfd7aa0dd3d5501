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

        /// <summary>The ids the tasks were created with (New-FragmentTask -ExternalId); their uids are derived from them.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ExternalIds.ExternalIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias(ExternalIds.ColumnAlias)]
        [ValidateNotNullOrEmpty]
        public string[]? ExternalId { get; set; }

        /// <summary>
        /// Custom fields each task exposes as properties, exactly these ($null where a task lacks one), so that
        /// Export-Csv gives every one its own column whatever the first task holds.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.FieldNameCompleter))]
        public string[]? Property { get; set; }

        [Parameter(ParameterSetName = SearchSet)]
        [ValidateSet(TaskStatuses.Todo, TaskStatuses.Started, TaskStatuses.Done)]
        public string[]? Status { get; set; }

        /// <summary>Custom-field filters, e.g. @{ country = 'FR' }; an array value matches any of its items.</summary>
        [Parameter(ParameterSetName = SearchSet)]
        [ArgumentCompleter(typeof(Completers.FieldNameCompleter))]
        public FieldFilter? Filter { get; set; }

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
            if (ParameterSetName == UidSet || ParameterSetName == ExternalIds.ExternalIdSet)
            {
                foreach (var (uid, externalId) in ExternalIds.Targets(Uid, ExternalId))
                {
                    // -Skip and -First count uids, across pipeline input too.
                    if (_uidsSeen++ < PagingParameters.Skip || _uidsWritten >= PagingParameters.First) continue;
                    _uidsWritten++;
                    try { WriteTask(new FragmentTask(RunSync(ct => Client.GetTaskAsync(uid, ct))) { FieldProperties = Property }); }
                    catch (FragmentApiException ex) { WriteApiError(ExternalIds.Explain(ex, uid, externalId), (object?)externalId ?? uid); }
                }
                return;
            }
            if (PagingParameters.First == 0)
            {
                WriteTotalOnly();
                return;
            }
            Search();
        }

        private void Search()
        {
            TaskQuery query = BuildQueryOrStop();
            ulong skip = PagingParameters.Skip;
            // The most tasks the search reads; saturating, as -First defaults to ulong.MaxValue.
            ulong wanted = PagingParameters.First > ulong.MaxValue - skip ? ulong.MaxValue : PagingParameters.First + skip;
            long maxTasks = wanted > long.MaxValue ? long.MaxValue : (long)wanted;
            // Ask for no more than that, so -First 5 costs one small page.
            if (maxTasks < query.PageSize) query.PageSize = (int)Math.Max(1, maxTasks);

            var tasks = Client.SearchTasks(query, maxTasks);
            var progress = new ProgressRecord(ProgressId, "Get-FragmentTask", "Searching tasks");
            int pagesShown = 0;
            ulong seen = 0;
            bool totalWritten = false;
            try
            {
                foreach (var record in Enumerate(tasks))
                {
                    if (!totalWritten) totalWritten = WriteTotalCount(tasks.TotalCount);
                    if (tasks.PagesRequested > 1 && tasks.PagesRequested != pagesShown)
                    {
                        pagesShown = tasks.PagesRequested;
                        WriteProgress(Describe(progress, seen, tasks.TotalCount));
                    }
                    if (seen++ < skip) continue;
                    WriteTask(new FragmentTask(record) { FieldProperties = Property });
                }
                if (!totalWritten) WriteTotalCount(tasks.TotalCount);
                if (pagesShown > 0) WriteProgress(Describe(progress, seen, tasks.TotalCount));
            }
            catch (FragmentApiException ex)
            {
                // A page that failed (after the retries), or one the API sent broken: the search ends here.
                ulong written = seen > skip ? seen - skip : 0;
                ThrowApiError(ex.WithMessage($"{ex.Message} The search stopped after writing {written} task{(written == 1 ? "" : "s")}."), query);
            }
            finally
            {
                if (pagesShown > 0)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgress(progress);
                }
            }
        }

        /// <summary>Writes -IncludeTotalCount's object (when asked for), once the first page is in; true when done.</summary>
        private bool WriteTotalCount(long? total)
        {
            if (PagingParameters.IncludeTotalCount)
                WriteObject(PagingParameters.NewTotalCount((ulong)(total ?? 0), total.HasValue ? 1.0 : 0.0));
            return true;
        }

        private static ProgressRecord Describe(ProgressRecord progress, ulong seen, long? total)
        {
            progress.StatusDescription = total > 0 ? $"Received {seen} of {total} tasks" : $"Received {seen} tasks";
            progress.PercentComplete = total > 0 ? (int)Math.Min(100, seen * 100 / (ulong)total.Value) : -1;
            return progress;
        }

        /// <summary>-First 0 -IncludeTotalCount: the total alone, as PowerShell's paging convention has it, from one limit=1 request.</summary>
        private void WriteTotalOnly()
        {
            if (!PagingParameters.IncludeTotalCount) return;
            TaskQuery query = BuildQueryOrStop();
            query.PageSize = 1;
            try { WriteTotalCount(RunSync(ct => Client.SearchTasksPageAsync(query, null, ct)).Meta.TotalCount); }
            catch (FragmentApiException ex) { ThrowApiError(ex, query); }
        }

        /// <summary>The search the parameters describe; a terminating error when -Filter cannot be sent.</summary>
        private TaskQuery BuildQueryOrStop()
        {
            try { return BuildQuery(); }
            catch (InputRefusedException ex) { ThrowTerminatingError(ex.ToErrorRecord(Filter)); throw; }
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
                SortBy = Enum.Parse<TaskSortField>(SortBy.ToString()),
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
                    else if (NativeFilterKeys.ParameterFor(key) is { } parameter)
                        WriteWarning($"-Filter key '{key}' is a native key of the task, not a custom field: it is searched for as fields.{key}, which tasks rarely have. Use {parameter} instead (or 'fields.{key}' to mean the custom field and silence this).");
                    query.Fields[key] = FilterValues.ToText(entry.Value, key);
                }
            }
            return query;
        }
    }
}
