@{
    Synopsis     = 'Changes Fragment tasks with PATCH, in batches: only what you give changes, fields merge key by key.'

    Description  = @'
Set-FragmentTask updates existing tasks. It sends only what you give: -Status, -Title, -Url, -DueAt,
-Archived, -QueueUid, -AssigneeUid, -AssigneeEmail and -ParentUid replace those values, and -Field is merged into the task's data key by key, so other fields,
and changes someone else made to them, stay as they are. A field set to $null is stored as null (the key
stays). Setting the status to STARTED or DONE also sets started_at or done_at on the server. Giving
nothing to change is refused for that input with FragmentNothingToChange.

The task is named by -Uid, which takes a GUID, a GUID string, a FragmentTask or a FragmentComment (its
task), and comes from the pipeline by value or by property name. So the output of Get-FragmentTask can be
piped in directly. A task piped in supplies its uid only: its own title, url, status, due date, queue,
assignee and parent are not sent back, because they would be noise and could undo a change made in the
meantime. Values typed on the command line always count, and so do the properties of pipeline objects that
are not tasks (CSV rows, custom objects) that bind by name: Title, Url, Status, DueAt, QueueUid,
AssigneeUid, AssigneeEmail and ParentUid.

Inputs are gathered into batches of up to -BatchSize (100) and each batch is sent as one
PATCH /tasks/batch request; a single input is sent as PATCH /tasks/{uid}. Closing 1,000 tasks therefore
costs about 10 requests of the account's 60 a minute. The API takes a batch all or nothing: when it
refuses one (for example because one uid does not exist, 404, or one value is invalid, 422), the cmdlet
sends that batch's inputs again one by one, so every good input is updated and each bad one gets its own
error, whose target is that input (the piped object, or the uid). PATCH is idempotent, so these requests are retried on timeouts, broken
connections, 429 and 502/503/504.

By default nothing is written to the pipeline; -PassThru writes each updated task, as the API returned it,
when its batch has been answered. With -WhatIf nothing is sent: each input's request is printed, for
example PATCH https://api.onfragment.com/api/v1/tasks/7c9e6679-... {"status":"DONE"}.
'@

    Parameters   = @{
        Uid       = @'
The task to change: a GUID, a GUID string, a FragmentTask (its Uid) or a FragmentComment (its TaskUid).
Takes pipeline input by value and by property name (a Uid column of a CSV). Completion offers tasks the
session has seen lately, with their titles.
'@
        Status    = @'
The new status: TODO, STARTED or DONE (case does not matter). STARTED sets started_at and DONE sets
done_at, unless they are given. Binds by property name from objects that are not tasks.
'@
        Title     = @'
The new title (the field 'title'); it must contain some text, or the input is refused with
FragmentEmptyTitle. Binds by property name from objects that are not tasks.
'@
        Url       = @'
The new link opened by the Fragment player (the field 'url'). Binds by property name from objects that
are not tasks.
'@
        Field     = @'
Fields to set, as a hashtable: @{ priority = 'high'; ticket_id = 'T-9' }. They are merged into the task's
data key by key: keys you do not name keep their values; a key set to $null is stored as null. Values may
be text, numbers, booleans, dates (sent in UTC), GUIDs, arrays and nested hashtables. Not taken from the
pipeline, so piping tasks never sends their fields back.
'@
        DueAt     = @'
The new due date, as a date with a time zone (a [datetime] is taken as local time); sent in UTC. Binds by
property name from objects that are not tasks.
'@
        QueueUid      = @'
Moves the task to this queue (its uid), sent as queue_uid. Binds by property name from objects that are
not tasks.
'@
        AssigneeUid   = @'
Assigns the task to this user (their uid), sent as assignee_uid. Binds by property name from objects that
are not tasks.
'@
        AssigneeEmail = @'
Assigns the task to the user with this e-mail address, sent as assignee_email (trimmed; a blank value is
not sent). Binds by property name from objects that are not tasks.
'@
        ParentUid     = @'
Makes the task a subtask of this task (its uid), sent as parent_uid. Binds by property name from objects
that are not tasks.
'@
        Archived  = @'
$true archives the task, $false brings it back from the archive. When omitted, the task's archived flag
is not changed. Archived tasks are found with Get-FragmentTask -Archived $true.
'@
        PassThru  = @'
Writes each updated task to the pipeline (by default Set-FragmentTask writes nothing). Use it to chain
Add-FragmentComment or Export-Csv after the update.
'@
        BatchSize = @'
How many pipeline inputs are sent together in one PATCH /tasks/batch request, 1 to 100 (default 100).
1 sends each input with its own PATCH /tasks/{uid}, so each -PassThru result is written at once.
'@
        Session   = @'
The FragmentSession to use, from Connect-Fragment -PassThru. By default, the default session. Without
either, the cmdlet stops with FragmentNoSession.
'@
    }

    Examples     = @(
        @{
            Title   = 'Close every French task and say so in a comment'
            Code    = @'
Get-FragmentTask -Filter @{ country = 'FR' } -Status TODO, STARTED |
    Set-FragmentTask -Status DONE -PassThru |
    Add-FragmentComment -Content 'Closed by the end-of-quarter runbook.'
'@
            Remarks = @'
The search streams its tasks into Set-FragmentTask, which sends them in PATCH /tasks/batch requests of
100; -PassThru hands each updated task to Add-FragmentComment, which adds one comment per task.
'@
        }
        @{
            Title   = 'Update one task'
            Code    = @'
Set-FragmentTask -Uid 7c9e6679-7425-40de-944b-e07fc1f90ae7 -Status STARTED -Field @{ owner = 'lea' } -PassThru
'@
            Remarks = @'
Sends PATCH /tasks/7c9e6679-... {"status":"STARTED","fields":{"owner":"lea"}}; the task's other fields,
its title and its due date stay as they were.
'@
        }
        @{
            Title   = 'Apply a CSV of status changes'
            Code    = @'
# closures.csv: Uid,Status
Import-Csv closures.csv | Set-FragmentTask -WhatIf
Import-Csv closures.csv | Set-FragmentTask -PassThru | Export-Csv closed.csv -NoTypeInformation
'@
            Remarks = @'
The Uid and Status columns bind by property name. The first line prints each PATCH without sending it;
the second applies them, in batches of 100, and records the results.
'@
        }
        @{
            Title   = 'Archive old finished tasks, 20 at a time'
            Code    = @'
Get-FragmentTask -Status DONE -UpdatedBefore (Get-Date).AddDays(-90) |
    Set-FragmentTask -Archived $true -BatchSize 20 -Verbose
'@
            Remarks = @'
-Verbose shows each PATCH https://.../tasks/batch with its status and time. A smaller batch makes the
progress visible sooner.
'@
        }
        @{
            Title   = 'Hand a queue over to a colleague'
            Code    = @'
Get-FragmentTask -QueueUid $escalations -AssigneeUid $leaving.Uid -Status TODO, STARTED |
    Set-FragmentTask -AssigneeEmail 'lea@example.com' -WhatIf
'@
            Remarks = @'
Prints each PATCH .../tasks/<uid> {"assignee_email":"lea@example.com"}; remove -WhatIf to send them, in
batches of 100.
'@
        }
        @{
            Title   = 'Clear a field'
            Code    = @'
Set-FragmentTask -Uid $task -Field @{ escalation = $null }
'@
            Remarks = @'
$task may be a FragmentTask. The field 'escalation' is stored as null; the other fields are untouched.
'@
        }
    )

    Outputs      = @'
None by default. With -PassThru, a FragmentPS.FragmentTask for each updated task, as the API answered
it (custom fields are also properties of their own).
'@

    Notes        = @'
Errors are written for one input at a time (non-terminating); the target object is the piped input, or
the uid when it was given on the command line.
ErrorIds: FragmentNothingToChange, FragmentEmptyTitle, FragmentInvalidFieldValue, FragmentNotFound (404:
no such task), FragmentInvalidArgument (422: the message names the field), FragmentPermissionDenied,
FragmentRateLimited, FragmentServerError, FragmentTimeout, FragmentNetworkError, FragmentNoSession.
'@

    RelatedLinks = @('Get-FragmentTask', 'New-FragmentTask', 'Add-FragmentComment', 'Remove-FragmentTask', 'about_FragmentPS')
}
