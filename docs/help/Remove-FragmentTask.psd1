@{
    Synopsis     = 'Deletes Fragment tasks, asking for confirmation first unless -Force or -Confirm:$false.'

    Description  = @'
Remove-FragmentTask deletes each named task with DELETE /tasks/{uid}, one request per task. Its
ConfirmImpact is High, so PowerShell asks before each deletion unless -Force or -Confirm:$false is given
(or $ConfirmPreference is None); scripts that delete on purpose should say -Force. -WhatIf still only
shows what would be deleted, even with -Force. The prompt, and
the -WhatIf output, show the exact request, for example
DELETE https://api.onfragment.com/api/v1/tasks/7c9e6679-7425-40de-944b-e07fc1f90ae7.

Uids come from the command line or the pipeline, as GUIDs, GUID strings or FragmentTask objects, so a
search can be piped in: Get-FragmentTask ... | Remove-FragmentTask. A piped task or comment is deleted
in the session it came from, even when another session is the default; with a -Session of another
account it is refused with FragmentSessionMismatch and nothing is sent for it. A uid that does not exist
writes a FragmentNotFound error with that uid as the target, and the cmdlet goes on with the next one.

DELETE is idempotent, so it is retried on timeouts, broken connections, cut-off answers, 429 and
502/503/504, within the session's retry limits. If an attempt deleted the task but its answer was lost,
the retry finds the task gone: that counts as removed, with no error (-Verbose says so; with -PassThru a
warning says the task's last state is not known, as the answer that carried it was lost).
FragmentNotFound means the task was not there when the cmdlet first asked.

Archiving (Set-FragmentTask -Archived $true) keeps a task's history and can be undone; deleting cannot.
'@

    Parameters   = @{
        ExternalId = @'
The ids the tasks were created with in another system (a ticket number such as INC-1001), as given to
New-FragmentTask -ExternalId: each task's uid is derived from it the same way (the MD5 of the text, read as
a GUID), so no lookup request is made. Takes pipeline input by property name (an ExternalId or external_id
column; for a column of another name use -ExternalId { $_.ticket_id }). When no task was created with it,
the error FragmentNotFound names the external id. A -Uid value that is not a GUID (INC-1001, 12345) is
refused with a message that suggests -ExternalId.
'@
        Uid      = @'
The uids of the tasks to delete: GUIDs, GUID strings, FragmentTask objects or FragmentComment objects
(their task). Takes pipeline input by value and by property name (a Uid column). Completion offers tasks
the session has seen lately, with their titles.
'@
        Force    = @'
Deletes without asking for confirmation, as -Confirm:$false does. -WhatIf still only shows the requests,
and an explicit -Confirm still asks.
'@
        PassThru = @'
Writes each deleted task to the pipeline, as the API returned it in the DELETE answer (by default the
cmdlet writes nothing). Useful to keep a record of what was removed.
'@
        Session  = @'
The FragmentSession to use, from Connect-Fragment -PassThru. By default, the session a piped task or
comment came from, else the default session. A piped task of another account than -Session is refused
with FragmentSessionMismatch. Without any session, the cmdlet stops with FragmentNoSession.
'@
    }

    Examples     = @(
        @{
            Title   = 'Delete one task, with the prompt'
            Code    = @'
Remove-FragmentTask 7c9e6679-7425-40de-944b-e07fc1f90ae7

Confirm
Are you sure you want to perform this action?
Performing the operation "Delete task" on target "task 'Check the delivery address' (7c9e6679-7425-40de-944b-e07fc1f90ae7): DELETE https://api.onfragment.com/api/v1/tasks/7c9e6679-7425-40de-944b-e07fc1f90ae7".
[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"):
'@
            Remarks = @'
ConfirmImpact is High, so PowerShell asks before deleting. The prompt names the task by its title when it
is known without a request: from a piped task, or as the session last saw it (the search or completion
that gave you the uid). Remove-FragmentTask -ExternalId INC-1001 deletes the task created with that id.
'@
        }
        @{
            Title   = 'Delete the test tasks a runbook created, keeping a record'
            Code    = @'
Get-FragmentTask -Filter @{ source = 'load-test' } |
    Remove-FragmentTask -Force -PassThru |
    Export-Csv deleted-tasks.csv -NoTypeInformation
'@
            Remarks = @'
The search streams into Remove-FragmentTask, one DELETE per task; -PassThru writes what was deleted.
Keyset paging keeps the search stable while its tasks disappear.
'@
        }
        @{
            Title   = 'Check first, then delete'
            Code    = @'
$old = Get-FragmentTask -Status DONE -UpdatedBefore (Get-Date).AddYears(-1)
$old | Remove-FragmentTask -WhatIf
$old | Remove-FragmentTask -Force -ErrorVariable failed
$failed | Where-Object { $_.FullyQualifiedErrorId -notlike 'FragmentNotFound*' }
'@
            Remarks = @'
-WhatIf prints every DELETE without sending it. Tasks that were already gone are ignored in the check.
'@
        }
    )

    Outputs      = @'
None by default. With -PassThru, a FragmentPS.FragmentTask for each deleted task, as the API answered the
DELETE.
'@

    Notes        = @'
Errors are written for one task at a time (non-terminating); the target object is the uid. ErrorIds:
FragmentNotFound, FragmentSessionMismatch, FragmentPermissionDenied, FragmentRateLimited,
FragmentServerError, FragmentTimeout, FragmentNetworkError, FragmentNoSession.
'@

    RelatedLinks = @('Get-FragmentTask', 'Set-FragmentTask', 'New-FragmentTask', 'about_FragmentPS')
}
