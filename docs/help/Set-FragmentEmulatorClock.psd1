@{
    Synopsis     = 'Moves an emulator''s clock, which every date the server sets comes from.'

    Description  = @'
The emulator sets some dates itself: created_at and updated_at, the default due_at of a new task (now),
started_at and done_at when a status changes, assigned_at, and the dates of comments. All of them come from
its clock, which by default reads this machine's clock. Set-FragmentEmulatorClock moves it: -Now sets it to
a date, -Advance moves it by a time span (a negative one moves it back). Either way it runs on from there at
the normal pace, so tasks created one after the other still have increasing dates.

So a runbook that reasons about time, such as "overdue for more than seven days", can be tested at a fixed
date: start the emulator with Start-FragmentEmulator -Now, or set its clock, create the tasks, then advance
the clock past the deadline. The clock stays as it is through Reset-FragmentEmulator.
'@

    Parameters   = @{
        Emulator = @'
The emulator: a FragmentEmulator object from Start-FragmentEmulator. Takes pipeline input. By default the
one the last Start-FragmentEmulator -Connect started.
'@
        Now      = 'The date and time the clock is set to. A date without a zone is local time.'
        Advance  = @'
How far to move the clock, for example (New-TimeSpan -Days 8) or '8.00:00:00'. Negative values move it
back. The result must stay within years 1 to 9999, and the span within 100 years.
'@
        PassThru = 'Writes the emulator''s time after the move, as a DateTimeOffset in UTC.'
    }

    Examples     = @(
        @{
            Title   = 'A task that becomes overdue'
            Code    = @'
Set-FragmentEmulatorClock -Now '2030-01-01T09:00:00Z'
$task = New-FragmentTask -Title 'Call back'
$task.DueAt          # 2030-01-01 09:00, the default: created now
Set-FragmentEmulatorClock -Advance (New-TimeSpan -Days 8) -PassThru
'@
            Remarks = 'The task was created at the fixed date; the clock now reads eight days later.'
        }
        @{
            Title   = 'Done dates a week apart'
            Code    = @'
$a = New-FragmentTask -Title 'first' -Status DONE
Set-FragmentEmulatorClock -Advance 7.00:00:00
$b = New-FragmentTask -Title 'second' -Status DONE
($b.DoneAt - $a.DoneAt).Days       # 7
'@
            Remarks = 'done_at is set by the server from its clock when the status becomes DONE.'
        }
    )

    Outputs      = 'None, or with -PassThru a System.DateTimeOffset: the emulator''s time after the move.'

    RelatedLinks = @('Start-FragmentEmulator', 'Add-FragmentEmulatorTask', 'about_FragmentPS_Testing')
}
