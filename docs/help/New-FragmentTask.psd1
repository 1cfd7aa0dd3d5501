@{
    Synopsis     = 'Creates Fragment tasks in batches, never overwriting one: safe to retry and to run again.'

    Description  = @'
New-FragmentTask creates one task per input. Each task's uid is chosen on the client before anything is
sent: the -Uid you give, a uid derived from -ExternalId, or a new random one. The task is created with
POST, carrying that uid; the API refuses a uid that is taken, so New-FragmentTask never changes a task
that exists, unless you give -Force.

When the uid is taken, the stored task is read back and compared with the input, on the keys the input
sends (title, url, fields, and -Status, -DueAt and the other keys only when given). If it already holds
them, which is what a retry whose answer was lost or a rerun of the same import finds, the result is
that task and there is no error. Otherwise the input gets the error FragmentTaskExists (category
ResourceExists), which names the uid and the keys that differ, and nothing changes. -Force writes with
PUT instead, which is create-or-update: the keys you give replace, -Field merges key by key, and what
you do not give is left alone.

Creates are safe to retry: every attempt names the same uid, so a request retried after a timeout, a
dropped connection or a cut-off answer can never create a second task, and is answered with the task
its first attempt created. A create whose answer was lost therefore neither duplicates nor reports an
error.

With -ExternalId (a ticket number, an order id, a row key), the uid is derived from that id the way
Fragment's documentation does it: the MD5 of the id's UTF-8 bytes, its 32 hex digits read as a UUID. The
same external id always gives the same task, so running an import again creates nothing twice: rows
that did not change are answered with their task, rows that changed get FragmentTaskExists (use -Force
to sync the changes, or Set-FragmentTask to change only some keys).

Inputs from the pipeline are gathered into batches of up to -BatchSize (100) and each batch is sent as
one POST /tasks/batch request (PUT /tasks/batch with -Force), so 1,000 CSV rows cost about 10 requests
of the account's 60 a minute. A single input is sent as POST /tasks (PUT /tasks/{uid}). Each input gets
its own output object or its own error: the API takes a batch all or nothing and names the items it
refuses; each of those gets its error and the rest of the batch is sent again in one request without
them, so a batch of 100 with one bad row costs 2 requests. A batch with taken uids reads them all back
in one request (a PATCH /tasks/batch that carries only the uids and changes nothing), so a rerun of an
import costs 2 requests per 100 rows. An input missing from the API's answer gets FragmentOutcomeUnknown.
Results are written when their batch has been answered, in input order.

An error that no input can get past ends the command with one terminating error, instead of one error
per row: 401 (a revoked token), 403 on the account, no session, or a transport that gave up after its
retries. Its message says how many inputs were sent and answered and how many were not written.

Pipeline objects bind by property name: Title, Url, Field (or Fields), Status, DueAt, QueueUid,
AssigneeUid, AssigneeEmail, ParentUid, Uid and ExternalId.
A CSV file with those columns can be piped as it is; custom columns go into -Field, for example with
Select-Object and a calculated property. Hashtables do not bind by property name; cast them to
[pscustomobject]. A FragmentTask piped in is created in the session it came from; with a -Session of
another account it is refused with FragmentSessionMismatch (pipe it through Select-Object to copy it).

Values are checked before anything is sent: an empty title, from -Title or from a 'title' key of -Field,
is refused (FragmentEmptyTitle), a field value that cannot be JSON, such as a SecureString, is refused
(FragmentInvalidFieldValue), and -Uid with -ExternalId together is refused (FragmentInvalidUid). These
errors concern one input; the others go on. Each error's target object is the piped input itself (the
CSV row), or the title when the task was given on the command line.

With -WhatIf, nothing is sent and no session is needed: for each input the cmdlet prints the request that
would write it on its own, for example
POST https://api.onfragment.com/api/v1/tasks {"uid":"5f0c3a2e-...","fields":{"title":"..."}}.
Without -WhatIf, several inputs travel together in POST /tasks/batch with the uid inside each item.
'@

    Parameters   = @{
        ExtraPropertiesAsFields = @'
Stores the properties of each piped row that bind to no parameter as custom fields: with
Import-Csv tickets.csv | New-FragmentTask -ExtraPropertiesAsFields the columns country, priority and
ticket_id become fields of the same names (text, as Import-Csv reads them). Keys given with -Field win
over columns of the same name. Only rows are read this way (Import-Csv, Select-Object, [pscustomobject]),
not tasks or other objects. Without the switch such columns are not sent, and one warning at the end of
the command names them all.
'@
        Title      = @'
The task's title, stored as the field 'title' (the API requires it). It must contain some text; an empty
or blank title is refused with FragmentEmptyTitle for that input. A 'title' key in -Field is overridden
by -Title. Binds by property name from pipeline objects, such as a CSV column named Title.
'@
        Url        = @'
The link opened by the Fragment player for this task, stored as the field 'url'. Overrides a 'url' key in
-Field. An empty or blank value is not sent (the task gets no url). Binds by property name.
'@
        Field      = @'
The task's custom data, as a hashtable: @{ country = 'FR'; ticket_id = 'T-1042' }. Keys are field names
(snake_case is recommended); values may be text, numbers, booleans, dates (sent as ISO-8601 in UTC),
GUIDs, arrays and nested hashtables or objects. SecureString values are refused, and so are empty keys.
Alias: Fields. Binds by property name, so a FragmentTask's Fields come along when tasks are piped in.
'@
        Status     = @'
The status to set: TODO, STARTED or DONE (case does not matter). When omitted, nothing is sent: a new task
gets the API's default, TODO, and an existing task (a repeat, or an -ExternalId seen before) keeps its
status. Setting STARTED or DONE also sets started_at or done_at on the server.
'@
        DueAt      = @'
When the task is due, as a date with a time zone (a [datetime] is taken as local time). Sent in UTC, for
example 2025-09-11T12:00:00.000Z. When omitted on a new task, the API sets it to now. Aliases: due_at and
due, so a CSV column of either name binds by property name (text such as 2026-12-24T17:00:00+01:00).
'@
        QueueUid      = @'
The uid of the queue the task belongs to, sent as the top-level key queue_uid. Binds by property name, so
a QueueUid column of a CSV works.
'@
        AssigneeUid   = @'
The uid of the user the task is assigned to, sent as assignee_uid. Binds by property name.
'@
        AssigneeEmail = @'
The user the task is assigned to, by e-mail address (sent as assignee_email, trimmed); useful when the
source system knows people by address rather than by Fragment uid. A blank value is not sent. Binds by
property name.
'@
        ParentUid     = @'
The uid of the parent task, which makes this task a subtask of it (sent as parent_uid). Binds by property
name.
'@
        Uid        = @'
The task's uid, chosen by you: a GUID, a GUID string, or a FragmentTask (its Uid is used). If a task with
this uid exists, it is left as it is: the result is that task when it already holds what you give, and
FragmentTaskExists otherwise (-Force overwrites). By default a new random uid is used, which keeps a
retried request from creating a duplicate but makes every run of a script create new tasks; use
-ExternalId for runs that must be repeatable. Cannot be combined with -ExternalId.
'@
        Force      = @'
Overwrites a task that exists under the uid instead of refusing the input: the task is written with PUT
(PUT /tasks/batch for pipeline input), create-or-update. The keys you give replace, -Field merges key by
key, and what you do not give (a status someone set, other fields) is left alone. Use it for syncs that
must carry changed rows into existing tasks.
'@
        ExternalId = @'
An id from another system, such as a ticket or order number. The task's uid is derived from it (the MD5
of the UTF-8 id, read as a UUID, as Fragment's documentation does it), so the same id always addresses
the same task and running an import again creates nothing twice. Cannot be combined with -Uid.
'@
        BatchSize  = @'
How many pipeline inputs are sent together in one POST /tasks/batch request (PUT with -Force), 1 to 100
(default 100, the API's maximum). 1 sends each input with its own POST /tasks and writes each result at once. A smaller
batch shows results sooner; a larger one uses fewer of the account's requests.
'@
        Session    = @'
The FragmentSession to use, from Connect-Fragment -PassThru. By default, the default session (the one the
last Connect-Fragment made); a FragmentTask piped in uses the session it came from. Without either, the
cmdlet stops with FragmentNoSession.
'@
    }

    Examples     = @(
        @{
            Title   = 'Create one task'
            Code    = @'
New-FragmentTask -Title 'Check the delivery address' -Url 'https://shop.example.com/orders/1042' `
    -Field @{ country = 'FR'; order_id = 1042 } -DueAt (Get-Date).AddHours(4)

Uid                                  Status  DueAt            Title
---                                  ------  -----            -----
7c9e6679-7425-40de-944b-e07fc1f90ae7 TODO    2025-09-11 16:00 Check the delivery address
'@
            Remarks = @'
One input, one request: POST /tasks with the uid chosen on the client. The custom fields are also properties of the output
object ($task.country), besides $task.Fields.
'@
        }
        @{
            Title   = 'Import a CSV of tickets, repeatably'
            Code    = @'
# tickets.csv: ticket_id,subject,link,country
Import-Csv tickets.csv |
    Select-Object @{ n = 'ExternalId'; e = { $_.ticket_id } },
                  @{ n = 'Title'; e = { $_.subject } },
                  @{ n = 'Url'; e = { $_.link } },
                  @{ n = 'Field'; e = { @{ ticket_id = $_.ticket_id; country = $_.country } } } |
    New-FragmentTask -Verbose

VERBOSE: POST https://api.onfragment.com/api/v1/tasks/batch -> 200 (412 ms, attempt 1)
VERBOSE: POST https://api.onfragment.com/api/v1/tasks/batch -> 200 (398 ms, attempt 1)
...
'@
            Remarks = @'
Each row binds by property name. 1,000 rows are sent in 10 batch requests. Because the uid is derived from
the ticket id, running the import again (or after a failure half way) creates nothing twice: unchanged
rows are answered with their task, changed ones get FragmentTaskExists. Add -Force to carry the changes
into the tasks (PUT); it never resets a status, as -Status is only sent when given.
'@
        }
        @{
            Title   = 'A CSV with custom columns and a due date: every column kept'
            Code    = @'
# tickets.csv:
# ticket_id,title,country,priority,due
# INC-1001,Printer on fire,FR,high,2026-12-24T17:00:00+01:00
# INC-1002,VPN down,DE,low,2026-12-31T09:30:00Z
Import-Csv tickets.csv | New-FragmentTask -ExternalId { $_.ticket_id } -ExtraPropertiesAsFields

Uid       Status  DueAt                   Title
---       ------  -----                   -----
3c1f6a0e… TODO    2026-12-24 17:00 +01:00 Printer on fire
9b2d47c1… TODO    2026-12-31 10:30 +01:00 VPN down

Get-FragmentTask -ExternalId INC-1001 | Select-Object Title, country, priority, ticket_id, DueAt
'@
            Remarks = @'
title binds to -Title and due to -DueAt (its alias); -ExtraPropertiesAsFields stores ticket_id, country
and priority as custom fields. The uid comes from the ticket id, so the import can be repeated and
Get-, Set-, Remove-FragmentTask and the comment cmdlets reach each task with -ExternalId INC-1001.
Without the switch, the three columns are not sent and one warning names them.
'@
        }
        @{
            Title   = 'Straight from a CSV whose columns match the parameters'
            Code    = @'
# followups.csv: Title,Url,ExternalId,Status
Import-Csv followups.csv | New-FragmentTask -BatchSize 50 | Export-Csv created.csv -NoTypeInformation
'@
            Remarks = @'
Columns named like the parameters bind directly. Every custom field of the written tasks becomes its own
column in created.csv.
'@
        }
        @{
            Title   = 'See the exact requests first'
            Code    = @'
New-FragmentTask -Title 'Call back customer' -ExternalId 'ZD-88213' -Field @{ country = 'DE' } -WhatIf

What if: Performing the operation "Create task" on target "task 'Call back customer' (e1b97dfe-d5bb-cbb7-056c-ffd823920e91): POST https://api.onfragment.com/api/v1/tasks {"uid":"e1b97dfe-d5bb-cbb7-056c-ffd823920e91","fields":{"country":"DE","title":"Call back customer"}}".
'@
            Remarks = @'
Nothing is sent. The uid shown is the one derived from 'ZD-88213', so the real run writes exactly that
task. The Authorization header (the token) is never part of the output.
'@
        }
        @{
            Title   = 'A subtask, assigned by e-mail, in a queue'
            Code    = @'
$parent = Get-FragmentTask -Filter @{ order_id = 1042 } -First 1
New-FragmentTask -Title 'Refund the shipping costs' -ParentUid $parent.Uid -QueueUid $billingQueue `
    -AssigneeEmail 'lea@example.com' -ExternalId "refund-1042"
'@
            Remarks = @'
queue_uid, assignee_email and parent_uid are sent at the top level of the task, beside its fields.
'@
        }
        @{
            Title   = 'Copy tasks from one account to another'
            Code    = @'
$source = Connect-Fragment -Token $oldToken -PassThru
$target = Connect-Fragment -Token $newToken -PassThru
Get-FragmentTask -Session $source -Status TODO, STARTED |
    Select-Object Uid, Title, Url, Fields, Status, DueAt |
    New-FragmentTask -Session $target
'@
            Remarks = @'
The selected properties bind by name, so each task is created under the same uid in the other account,
and running it again creates nothing twice. Select-Object also drops the tasks' link to $source, which
would otherwise make -Session $target refuse them (FragmentSessionMismatch). Queue, assignee and parent uids are left out on
purpose: they belong to the first account.
'@
        }
    )

    Outputs      = @'
FragmentPS.FragmentTask, one for each input that was written, as the API answered it: Uid, Status, Title,
Url, DueAt, CreatedAt, UpdatedAt, StartedAt, DoneAt, Archived, the *Uid links, Fields (all data fields)
and AdditionalProperties (every other key of the answer). Each custom field is also a property of its own,
so Export-Csv writes one column per field and Where-Object country -eq FR works.
'@

    Notes        = @'
Errors are written for one input at a time (non-terminating); the target object is the piped input, or
the title when the task was given on the command line.
ErrorIds for one input: FragmentTaskExists (the uid holds another task), FragmentEmptyTitle,
FragmentInvalidUid, FragmentInvalidFieldValue, FragmentInvalidArgument (the API refused the body; the
message names the field), FragmentOutcomeUnknown (missing from the API's answer),
FragmentSessionMismatch. Terminating, for the whole command: FragmentAuthenticationFailed,
FragmentPermissionDenied, FragmentRateLimited, FragmentServerError, FragmentTimeout,
FragmentNetworkError, FragmentNoSession.

Import-Csv turns empty cells into empty strings. An empty Title is refused (FragmentEmptyTitle); an empty
Url, DueAt, QueueUid, AssigneeUid, AssigneeEmail or ParentUid is not sent; an empty Status is refused by PowerShell's parameter binding, as it is
not one of TODO, STARTED, DONE. Select only the columns you mean to send.
'@

    RelatedLinks = @('Set-FragmentTask', 'Get-FragmentTask', 'Remove-FragmentTask', 'Add-FragmentComment', 'about_FragmentPS')
}
