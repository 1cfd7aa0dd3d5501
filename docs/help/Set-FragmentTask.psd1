@{
    Synopsis     = 'Changes Fragment tasks with PATCH, in batches: only what you give changes, fields merge key by key.'

    Description  = @'
Set-FragmentTask updates existing tasks. It sends only what you name: -Status, -Title, -Url, -DueAt,
-Archived, -QueueUid, -AssigneeUid, -AssigneeEmail and -ParentUid replace those values, and -Field is merged into the task's data key by key, so other fields,
and changes someone else made to them, stay as they are. A field set to $null is stored as null (the key
stays). Setting the status to STARTED or DONE also sets started_at or done_at on the server. Giving
nothing to change is refused for that input with FragmentNothingToChange.

The task is named by -Uid, which takes a GUID, a GUID string, a FragmentTask or a FragmentComment (its
task), and comes from the pipeline by value or by property name. So the output of Get-FragmentTask can be
piped in directly. Only what you name is written: values typed on the command line. From a piped object,
whatever it is (a task, a CSV row, a custom object), only its Uid is taken; its other properties are not
sent back, because they would be noise and could undo a change made since, such as a colleague's rename
in a CSV exported last week. To take properties of the piped objects as changes, name them with
-InputProperty (Title, Url, Status, DueAt, QueueUid, AssigneeUid, AssigneeEmail, ParentUid); an object
that lacks one of them gets FragmentInvalidInputProperty and nothing is sent for it.

A task or comment piped in is changed in the session it came from, even when another session is the
default. With a -Session of another account it is refused with FragmentSessionMismatch, naming both
accounts, and nothing is sent for it.

Inputs are gathered into batches of up to -BatchSize (100) and each batch is sent as one
PATCH /tasks/batch request; a single input is sent as PATCH /tasks/{uid}. Closing 1,000 tasks therefore
costs about 10 requests of the account's 60 a minute. The API takes a batch all or nothing and names the
items it refuses (404: the uid does not exist; 422: a value is invalid): each of those gets its own error,
whose target is that input (the piped object, or the uid), and the rest of the batch is sent again in one
request without them, so a batch of 100 with one unknown uid costs 2 requests. An input missing from the
API's answer gets FragmentOutcomeUnknown. An error that no input can get past (401, 403 on the account, no
session, a transport that gave up after its retries) ends the command with one terminating error that
says how many inputs were sent and answered and how many were not written. PATCH is idempotent, so
these requests are retried on timeouts, broken connections, 429 and 502/503/504.

By default nothing is written to the pipeline; -PassThru writes each updated task, as the API returned it,
when its batch has been answered. With -WhatIf nothing is sent: each input's request is printed, for
example PATCH https://api.onfragment.com/api/v1/tasks/7c9e6679-... {"status":"DONE"}.
'@

    Parameters   = @{
        ExternalId = @'
The id the task was created with in another system (a ticket number such as INC-1001), as given to
New-FragmentTask -ExternalId: the task's uid is derived from it the same way (the MD5 of the text, read as
a GUID), so no lookup request is made. Takes pipeline input by property name (an ExternalId or external_id
column; for a column of another name use -ExternalId { $_.ticket_id }). When no task was created with it,
the error FragmentNotFound names the external id. A -Uid value that is not a GUID (INC-1001, 12345) is
refused with a message that suggests -ExternalId.
'@
        InputProperty = @'
The properties of each piped object to take as changes: one or more of Title, Url, Status, DueAt,
QueueUid, AssigneeUid, AssigneeEmail and ParentUid. Without it a piped object gives only its Uid, so a
column nobody named is never written. An object that lacks a named property gets the error
FragmentInvalidInputProperty and nothing is sent for it; naming a property here and giving the same
parameter on the command line is refused. Empty cells count as values: an empty Title is refused
(FragmentEmptyTitle) and an empty Url clears the url.
'@
        Uid       = @'
The task to change: a GUID, a GUID string, a FragmentTask (its Uid) or a FragmentComment (its TaskUid).
Takes pipeline input by value and by property name (a Uid column of a CSV). Completion offers tasks the
session has seen lately, with their titles.
'@
        Status    = @'
The new status: TODO, STARTED or DONE (case does not matter). STARTED sets started_at and DONE sets
done_at, unless they are given. From a piped object only with -InputProperty Status.
'@
        Title     = @'
The new title (the field 'title'); it must contain some text, or the input is refused with
FragmentEmptyTitle (so is a blank 'title' key of -Field: a title cannot be emptied). From a piped
object only with -InputProperty Title.
'@
        Url       = @'
The new link opened by the Fragment player (the field 'url'). An empty value clears it: -Url '' stores
the url as null. From a piped object only with -InputProperty Url (an empty cell then clears the url).
'@
        Field     = @'
Fields to set, as a hashtable: @{ priority = 'high'; ticket_id = 'T-9' }. They are merged into the task's
data key by key: keys you do not name keep their values; a key set to $null is stored as null, except
'title', which cannot be emptied (FragmentEmptyTitle). Values may be text, numbers, booleans, dates (sent
in UTC), GUIDs, arrays and nested hashtables. Not taken from the pipeline, so piping tasks never sends
their fields back.
'@
        DueAt     = @'
The new due date, as a date with a time zone (a [datetime] is taken as local time); sent in UTC. From a
piped object only with -InputProperty DueAt.
'@
        QueueUid      = @'
Moves the task to this queue (its uid), sent as queue_uid. From a piped object only with
-InputProperty QueueUid.
'@
        AssigneeUid   = @'
Assigns the task to this user (their uid), sent as assignee_uid. From a piped object only with
-InputProperty AssigneeUid.
'@
        AssigneeEmail = @'
Assigns the task to the user with this e-mail address, sent as assignee_email (trimmed; a blank value is
not sent). From a piped object only with -InputProperty AssigneeEmail.
'@
        ParentUid     = @'
Makes the task a subtask of this task (its uid), sent as parent_uid. From a piped object only with
-InputProperty ParentUid.
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
The FragmentSession to use, from Connect-Fragment -PassThru. By default, the session a piped task or
comment came from, else the default session. A piped task of another account than -Session is refused
with FragmentSessionMismatch. Without any session, the cmdlet stops with FragmentNoSession.
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
Import-Csv closures.csv | Set-FragmentTask -InputProperty Status -WhatIf
Import-Csv closures.csv | Set-FragmentTask -InputProperty Status -PassThru | Export-Csv closed.csv -NoTypeInformation
'@
            Remarks = @'
The Uid column names each task; -InputProperty Status makes the Status column the change. The first
line prints each PATCH without sending it; the second applies them, in batches of 100, and records the
results.
'@
        }
        @{
            Title   = 'Rename tasks from a CSV, and nothing else'
            Code    = @'
# renames.csv, exported last week and edited: Uid,Title,Status,DueAt,...
Import-Csv renames.csv | Set-FragmentTask -InputProperty Title -Verbose

VERBOSE: PATCH https://api.onfragment.com/api/v1/tasks/batch -> 200 (233 ms, attempt 1)
'@
            Remarks = @'
Each row sends {"fields":{"title":"..."}} only. The export's other columns (its old Status and DueAt)
are not written, so a status or due date changed since the export stays as it is now.
'@
        }
        @{
            Title   = 'Close the tasks of an old export, whatever else it says'
            Code    = @'
Import-Csv overdue-export.csv | Set-FragmentTask -Status DONE
'@
            Remarks = @'
Without -InputProperty only the Uid of each row is used: every request is {"status":"DONE"}.
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
Set-FragmentTask -Uid $task.Uid -Field @{ escalation = $null }
'@
            Remarks = @'
The field 'escalation' is stored as null; the other fields are untouched. Piping $task instead
($task | Set-FragmentTask ...) also makes the change in the session $task came from.
'@
        }
        @{
            Title   = 'Clear the url'
            Code    = @'
Set-FragmentTask -Uid $task.Uid -Url ''
'@
            Remarks = @'
Sends {"fields":{"url":null}}: the task has no url any more. -Field @{ url = $null } does the same.
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
ErrorIds for one input: FragmentNothingToChange, FragmentEmptyTitle, FragmentInvalidFieldValue,
FragmentInvalidInputProperty, FragmentSessionMismatch, FragmentNotFound (404: no such task),
FragmentInvalidArgument (422: the message names the field), FragmentOutcomeUnknown (missing from the
API's answer). Terminating, for the whole command: FragmentAuthenticationFailed,
FragmentPermissionDenied, FragmentRateLimited, FragmentServerError, FragmentTimeout,
FragmentNetworkError, FragmentNoSession, and FragmentInvalidInputProperty when a property is named both
in -InputProperty and on the command line.
'@

    RelatedLinks = @('Get-FragmentTask', 'New-FragmentTask', 'Add-FragmentComment', 'Remove-FragmentTask', 'about_FragmentPS')
}
