@{
    Synopsis     = 'Lists the comments of Fragment tasks, oldest first, following every page.'

    Description  = @'
Get-FragmentComment lists the comments of each task it receives with GET /tasks/{uid}/comments, asking
for pages of 100 and following meta.next_cursor until the last page. Comments are written as their page
arrives, while the next page is fetched, oldest first.

The task comes from -TaskUid (alias -Uid), which takes a GUID, a GUID string, a FragmentTask or a
FragmentComment, and comes from the pipeline by value or by property name, so the output of
Get-FragmentTask can be piped in. A task that does not exist writes a FragmentNotFound error with its uid
as the target; the cmdlet goes on with the next task.

Each page is a GET under the session's rate limiter, retried on connect failures, timeouts, broken
connections, 429 and 502/503/504.
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
        TaskUid = @'
The task whose comments to list: a GUID, a GUID string, a FragmentTask (its Uid) or a FragmentComment (its
TaskUid). Alias: Uid. Takes pipeline input by value and by property name. Completion offers tasks the
session has seen lately, with their titles.
'@
        Session = @'
The FragmentSession to use, from Connect-Fragment -PassThru. By default, the default session. Without
either, the cmdlet stops with FragmentNoSession.
'@
    }

    Examples     = @(
        @{
            Title   = 'The comments of one task'
            Code    = @'
Get-FragmentComment 7c9e6679-7425-40de-944b-e07fc1f90ae7

CreatedAt        TaskUid                              Content
---------        -------                              -------
2025-09-11 14:03 7c9e6679-7425-40de-944b-e07fc1f90ae7 Address confirmed with the customer.
2025-09-11 16:40 7c9e6679-7425-40de-944b-e07fc1f90ae7 closed
'@
            Remarks = @'
The uid is positional.
'@
        }
        @{
            Title   = 'Export the comments of every finished French task'
            Code    = @'
Get-FragmentTask -Filter @{ country = 'FR' } -Status DONE |
    Get-FragmentComment |
    Select-Object TaskUid, CreatedAt, Content |
    Export-Csv fr-comments.csv -NoTypeInformation
'@
            Remarks = @'
One listing per task; every task costs at least one request of the account's 60 a minute, which the
session's rate limiter spreads out.
'@
        }
        @{
            Title   = 'Did the runbook already comment?'
            Code    = @'
$done = Get-FragmentComment -TaskUid $uid | Where-Object Content -like 'Closed by*'
if (-not $done) { Add-FragmentComment -TaskUid $uid -Content 'Closed by the nightly runbook.' }
'@
            Remarks = @'
Makes a comment step safe to run again.
'@
        }
    )

    Outputs      = 'FragmentPS.FragmentComment for each comment: Uid, TaskUid, Content, AuthorUid, CreatedAt, UpdatedAt and AdditionalProperties (any other key of the answer).'

    Notes        = @'
Errors are written for one task at a time (non-terminating); the target object is the task's uid.
ErrorIds: FragmentNotFound, FragmentPermissionDenied, FragmentRateLimited, FragmentServerError,
FragmentTimeout, FragmentNetworkError, FragmentNoSession.
'@

    RelatedLinks = @('Add-FragmentComment', 'Get-FragmentTask', 'about_FragmentPS')
}
