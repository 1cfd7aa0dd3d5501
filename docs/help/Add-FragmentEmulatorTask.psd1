@{
    Synopsis     = 'Fills an emulator with fixtures: synthetic tasks, or the tasks you describe, server dates included.'

    Description  = @'
Add-FragmentEmulatorTask puts tasks straight into the emulator through its admin routes: no rate limit is
spent, no request is counted in the statistics or the journal, and 100,000 tasks take seconds.

With -Count it adds synthetic tasks: task n is titled 'Seeded task <n>', its field country cycles through
FR, DE, US, GB, ES, its field ticket_id is 'T-<n>', its status cycles through TODO, STARTED, DONE, and its
due date lies within the next two weeks. -Field adds the same fields to each of them. Numbering goes on
across calls until Reset-FragmentEmulator.

Without -Count it adds the objects piped to it, which take the properties New-FragmentTask takes (Title,
Url, Field, Status, DueAt, Uid, ExternalId, QueueUid, AssigneeUid, AssigneeEmail, ParentUid), so a CSV
that New-FragmentTask would import works here too, and also the dates the server sets on its own:
CreatedAt (by default the emulator's clock; also the default due date), UpdatedAt (by default CreatedAt),
StartedAt and DoneAt (by default CreatedAt, for a task STARTED or DONE). A task whose uid (given, or
derived from ExternalId) is in the emulator already is replaced. The objects go in requests of many tasks
each; a request the emulator refuses (a bad date, say) is one error naming its inputs, and adds none of
them.

The emulator holds at most 1,000,000 tasks added this way; past that it refuses until a reset.
'@

    Parameters   = @{
        Emulator      = @'
The emulator: a FragmentEmulator object from Start-FragmentEmulator. With -Count it takes pipeline input.
By default the one the last Start-FragmentEmulator -Connect started.
'@
        Count         = 'How many synthetic tasks to add, 0 to 1,000,000.'
        Title         = 'The task''s title (fields.title). Required for every piped object; it must have some text.'
        Url           = 'The task''s url (fields.url), opened by the Fragment player.'
        Field         = @'
Custom fields, for example @{ country = 'FR'; ticket_id = 'T-1' }. With -Count, fields added to every
synthetic task.
'@
        Status        = 'TODO (the default), STARTED or DONE.'
        DueAt         = 'When the task is due. By default its CreatedAt.'
        Uid           = 'The task''s uid. By default a new random one.'
        ExternalId    = 'An id from another system; the uid is derived from it as New-FragmentTask -ExternalId derives it.'
        QueueUid      = 'The uid of the task''s queue.'
        AssigneeUid   = 'The uid of the user the task is assigned to.'
        AssigneeEmail = 'The e-mail of the user the task is assigned to.'
        ParentUid     = 'The uid of the task''s parent task.'
        CreatedAt     = 'When the task was created. By default the emulator''s clock.'
        UpdatedAt     = 'When the task last changed. By default its CreatedAt.'
        StartedAt     = 'When the task was started. By default, for a STARTED or DONE task, its CreatedAt.'
        DoneAt        = 'When the task was done. By default, for a DONE task, its CreatedAt.'
    }

    Examples     = @(
        @{
            Title   = 'A hundred thousand tasks for a paging test'
            Code    = @'
$emulator = Start-FragmentEmulator -Connect
Add-FragmentEmulatorTask -Count 100000 -Field @{ team = 'billing' }
(Get-FragmentEmulatorStatistic).Tasks       # 100000
'@
            Remarks = 'Seconds, where a thousand batch requests would take 17 minutes at 60 requests a minute.'
        }
        @{
            Title   = 'Tasks done and overdue at known dates'
            Code    = @'
@(
    [pscustomobject]@{ Title = 'closed in May'; Status = 'DONE'; CreatedAt = '2024-05-01'; DoneAt = '2024-05-03' }
    [pscustomobject]@{ Title = 'overdue'; ExternalId = 'T-1'; DueAt = (Get-Date).AddDays(-30); Field = @{ country = 'FR' } }
) | Add-FragmentEmulatorTask
'@
            Remarks = 'The server dates are the ones given, as if the tasks had lived in Fragment for a while.'
        }
    )

    Outputs      = 'None. -Verbose says how many tasks each request added.'

    RelatedLinks = @('Reset-FragmentEmulator', 'New-FragmentTask', 'Start-FragmentEmulator', 'about_FragmentPS_Testing')
}
