@{
    Synopsis     = 'Gets Fragment tasks by uid, or searches them and streams every match, page after page.'

    Description  = @'
Get-FragmentTask has two uses.

With -Uid (parameter set ByUid) it gets each named task with GET /tasks/{uid}. Uids come from the
command line, as GUIDs, GUID strings or FragmentTask objects, or from the pipeline. A uid that does not
exist writes a FragmentNotFound error with that uid as the target, and the cmdlet goes on with the next.

Without -Uid (parameter set Search, the default) it searches tasks with GET /tasks. The filters combine
(all must match); a filter given several values (-Status TODO, STARTED) matches any of them. -Filter
compares custom fields: @{ country = 'FR' } finds tasks whose field 'country' is FR. Field values are
compared as text, so numbers, booleans and dates are sent in the API's text form (1042, true,
2025-09-11T12:00:00.000Z). Results are sorted by -SortBy (created_at by default), ties broken by uid.

A search streams. Each task is written to the pipeline as soon as its page has arrived, and once the
first task of a page is out the next page is being fetched while the rest are written (one page ahead at
most, so Select-Object -First 1 makes a single request). The first tasks reach the next command after one
request, whatever the number of matches, and memory stays flat. The cmdlet follows meta.next_cursor until the last page, and ends with FragmentPagingLoop if a server sends a cursor a second time or more pages than its total_count allows. Paging
uses keyset cursors, so tasks that are created, changed or deleted while a search pages through never make
another task be skipped or returned twice: piping a search into Set-FragmentTask or Remove-FragmentTask
is safe.

-First stops the search, not just the output: once that many tasks are written no more pages are
requested, and the page size is lowered to what -First needs (-First 5 costs one request with limit=5).
-Skip leaves out the first matches; the API has no offsets, so skipped tasks are still fetched.
-IncludeTotalCount writes the API's total_count for the search before the tasks; with -First 0 it writes
the total alone, from one request with limit=1. From the second page on,
a progress bar shows "Received n of total tasks". Ctrl+C stops the request in flight at once.

Each page is one request under the session's rate limiter and retries (GET is always safe to retry). If a
page still fails after the retries, the search stops with a terminating error whose target is the query
and whose message says how many tasks the search had written before it stopped.
A bad -Filter (an empty key, a $null or object value) is refused before any request with
FragmentInvalidFieldValue.
'@

    Parameters   = @{
        Uid               = @'
The uids of the tasks to get (parameter set ByUid): GUIDs, GUID strings, FragmentTask objects or
FragmentComment objects (their task). Takes pipeline input by value and by property name (a Uid column).
Each uid is one GET /tasks/{uid}. Completion offers tasks the session has seen lately, with their titles.
'@
        Status            = @'
Only tasks with one of these statuses: TODO, STARTED, DONE (case does not matter). Several values match any
of them. Sent as one status= query parameter per value.
'@
        Filter            = @'
Custom-field filters, as a hashtable of field name and value: @{ country = 'FR'; channel = 'email' }.
Every key must match. An array value matches any of its items: @{ country = 'FR', 'BE' }. Values are
compared as text; give text, numbers, booleans, dates or GUIDs ($null and objects are refused with
FragmentInvalidFieldValue). A key may be written with or without the prefix 'fields.'; it is always sent as
fields.<key>=<value>, so a field named like a native filter stays a field filter. A key that is a native
key (status, archived, queue_uid, assignee_uid, parent_uid, created_at, updated_at, due_at and their
_after/_before forms) gets a warning that names the parameter to use (-Status, -Archived, ...): such a
search would look for a custom field of that name. Write 'fields.status' to mean the field and silence it.
Inside -Filter @{ Tab completes the custom field names the session has seen.
'@
        ExternalId        = @'
The ids the tasks were created with in another system (parameter set ByExternalId), as given to
New-FragmentTask -ExternalId (INC-1001): each uid is derived from the id the same way, so no lookup request
is made. Takes pipeline input by property name (an ExternalId or external_id column). When no task was
created with an id, the error FragmentNotFound names it. A -Uid value that is not a GUID (INC-1001, 12345)
is refused with a message that suggests -ExternalId.
'@
        Property          = @'
Custom fields that every written task shows as properties of its own: exactly these, $null where a task
has no such field (all fields stay in Fields). Export-Csv takes its columns from the first object, so
Get-FragmentTask -Property country, priority | Export-Csv gives every task the columns country and
priority, whatever field the first task happens to hold. Tab completes the field names seen.
'@
        AssigneeUid       = @'
Only tasks assigned to one of these users (their uids). Sent as assignee_uid.
'@
        QueueUid          = @'
Only tasks in one of these queues (their uids). Sent as queue_uid.
'@
        ParentUid         = @'
Only subtasks of one of these tasks (their uids). Sent as parent_uid.
'@
        Archived          = @'
$true finds only archived tasks, $false only tasks that are not archived. When omitted, no archived filter
is sent and the API's default applies.
'@
        CreatedAfter      = @'
Only tasks created after this date (sent in UTC as created_at_after).
'@
        CreatedBefore     = @'
Only tasks created before this date (sent in UTC as created_at_before).
'@
        UpdatedAfter      = @'
Only tasks updated after this date (sent in UTC as updated_at_after). Handy for incremental exports: keep
the time of the last run and pass it here.
'@
        UpdatedBefore     = @'
Only tasks last updated before this date (sent in UTC as updated_at_before).
'@
        DueAfter          = @'
Only tasks due after this date (sent in UTC as due_at_after).
'@
        DueBefore         = @'
Only tasks due before this date (sent in UTC as due_at_before), for example overdue work:
-DueBefore (Get-Date) -Status TODO, STARTED.
'@
        SortBy            = @'
The order of the results: CreatedAt (the default), UpdatedAt or DueAt; ties are broken by uid, so the
order is stable. Sent as order_by.
'@
        Descending        = @'
Sorts from the newest (or latest due) to the oldest. Sent as a leading '-' in order_by.
'@
        PageSize          = @'
How many tasks one page request asks for, 1 to 100 (default 100, the API's maximum). A hint: -First may
ask for fewer. Larger pages use fewer of the account's 60 requests a minute.
'@
        Session           = @'
The FragmentSession to use, from Connect-Fragment -PassThru. By default, the default session. Without
either, the cmdlet stops with FragmentNoSession.
'@
        First             = @'
Writes at most this many tasks, then stops the search: no further page is requested, and the page size
is lowered so that no more tasks than needed are fetched. Applies to searches; with -Uid it has no effect.
'@
        Skip              = @'
Leaves out this many matching tasks before writing any. The skipped tasks are still fetched (the API
pages with cursors, not offsets). Applies to searches; with -Uid it has no effect.
'@
        IncludeTotalCount = @'
Writes, before the tasks, an object that holds the number of tasks the search matches (meta.total_count
of the first page): "Total count: 1432". When the API gives no total, it reads "Unknown total count".
Applies to searches; with -Uid it has no effect.
'@
    }

    Examples     = @(
        @{
            Title   = 'Search tasks by a custom field'
            Code    = @'
Get-FragmentTask -Filter @{ country = 'FR' } -Status TODO

Uid                                  Status  DueAt            Title
---                                  ------  -----            -----
7c9e6679-7425-40de-944b-e07fc1f90ae7 TODO    2025-09-11 16:00 Check the delivery address
1b4e28ba-2fa1-41d2-883f-0016d3cca427 TODO    2025-09-12 09:00 Refund order 1077
'@
            Remarks = @'
Sends GET /tasks?limit=100&status=TODO&order_by=created_at&fields.country=FR and follows every page.
'@
        }
        @{
            Title   = 'Get tasks by uid'
            Code    = @'
Get-FragmentTask 7c9e6679-7425-40de-944b-e07fc1f90ae7
Get-Content uids.txt | Get-FragmentTask -ErrorAction Continue -ErrorVariable missing
$missing | Where-Object { $_.FullyQualifiedErrorId -like 'FragmentNotFound*' } | ForEach-Object TargetObject
'@
            Remarks = @'
The uid is positional. Uids piped from a file are fetched one by one; the ones that do not exist are
reported with FragmentNotFound, and the error's TargetObject is the uid.
'@
        }
        @{
            Title   = 'The ten newest tasks, for one request'
            Code    = @'
Get-FragmentTask -SortBy CreatedAt -Descending -First 10 -IncludeTotalCount

Total count: 1432
...
'@
            Remarks = @'
One request with limit=10: -First stops the search instead of reading all 1,432 tasks.
'@
        }
        @{
            Title   = 'Export what changed since the last run'
            Code    = @'
$since = Get-Content last-run.txt -ErrorAction Ignore
$now = Get-Date
$search = @{ SortBy = 'UpdatedAt' }
if ($since) { $search.UpdatedAfter = [datetimeoffset]$since }
Get-FragmentTask @search | Export-Csv changed.csv -NoTypeInformation
$now.ToString('o') | Set-Content last-run.txt
'@
            Remarks = @'
Tasks are written to the CSV while the pages come in. The columns are those of the first task (Export-Csv
takes them from the first object): name the custom fields with -Property for a fixed set of columns.
'@
        }
        @{
            Title   = 'A CSV round trip: export with fixed columns, edit, import back'
            Code    = @'
Get-FragmentTask -Filter @{ source = 'tickets' } -Property ticket_id, country, priority |
    Select-Object Uid, Title, Status, DueAt, ticket_id, country, priority |
    Export-Csv tickets-out.csv -NoTypeInformation
# ... edit Status in a spreadsheet ...
Import-Csv tickets-out.csv | Set-FragmentTask -InputProperty Status -WhatIf
Import-Csv tickets.csv | Get-FragmentTask -ExternalId { $_.ticket_id }   # the first import: no Uid column
'@
            Remarks = @'
Every row has the columns ticket_id, country and priority, empty where a task has no such field. Set-
FragmentTask binds the Uid column; -ExternalId reaches the tasks by the ticket id they were imported with
(New-FragmentTask -ExternalId).
'@
        }
        @{
            Title   = 'Count without reading the tasks'
            Code    = @'
Get-FragmentTask -Status TODO -First 0 -IncludeTotalCount

Total count: 1432
'@
            Remarks = @'
One request with limit=1; no task is written.
'@
        }
        @{
            Title   = 'Overdue work per queue'
            Code    = @'
Get-FragmentTask -Status TODO, STARTED -DueBefore (Get-Date) -QueueUid $queues -PageSize 100 |
    Group-Object QueueUid | Sort-Object Count -Descending | Select-Object Count, Name
'@
            Remarks = @'
Filters combine: open, due before now, and in one of the queues in $queues.
'@
        }
        @{
            Title   = 'Several values for one field'
            Code    = @'
Get-FragmentTask -Filter @{ country = 'FR', 'BE', 'CH'; channel = 'email' } -Verbose

VERBOSE: GET https://api.onfragment.com/api/v1/tasks?limit=100&order_by=created_at&fields.channel=email&fields.country=FR&fields.country=BE&fields.country=CH -> 200 (96 ms, attempt 1)
'@
            Remarks = @'
Country is FR, BE or CH, and channel is email. -Verbose shows each page request with its status and time.
'@
        }
    )

    Outputs      = @'
FragmentPS.FragmentTask for each task: Uid, Status, Title, Url, DueAt, CreatedAt, UpdatedAt, StartedAt,
DoneAt, AssignedAt, SnoozeExpiresAt, Archived, QueueUid, AssigneeUid, CaseUid, ParentUid, Fields (all data
fields) and AdditionalProperties (every other key of the answer, such as num_children or work_time). Each
custom field is also a property of its own ($task.country). With -IncludeTotalCount, first a total-count
object.
'@

    Notes        = @'
ErrorIds: FragmentNotFound (a uid that does not exist, non-terminating), FragmentInvalidFieldValue (a bad
-Filter, terminating), FragmentInvalidArgument (the API refused the query), FragmentRateLimited,
FragmentServerError, FragmentTimeout and FragmentNetworkError (a page failed after its retries: the search
stops), FragmentNoSession.
'@

    RelatedLinks = @('Set-FragmentTask', 'New-FragmentTask', 'Remove-FragmentTask', 'Get-FragmentComment', 'Invoke-FragmentRestMethod', 'about_FragmentPS')
}
