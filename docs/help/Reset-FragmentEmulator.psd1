@{
    Synopsis     = 'Empties an emulator: tasks, comments, fault rules, request journal, statistics and rate-limit buckets.'

    Description  = @'
Reset-FragmentEmulator puts an emulator back to the state it started in, so that every test starts from
the same place whatever order the tests run in: no tasks, no comments, no fault rules, an empty request
journal, statistics at zero and full rate-limit buckets. Its token and its clock stay as they are. The
memory the tasks held goes back to the system at once.

It works on the emulator given with -Emulator or through the pipeline; without one, on the emulator the
last Start-FragmentEmulator -Connect started. It calls the emulator's admin route with the emulator's
admin key, which the emulator object keeps to itself.
'@

    Parameters   = @{
        Emulator = @'
The emulator to reset: a FragmentEmulator object from Start-FragmentEmulator. Takes pipeline input. By
default the one the last Start-FragmentEmulator -Connect started; without such an emulator the cmdlet
stops with FragmentNoEmulator.
'@
    }

    Examples     = @(
        @{
            Title   = 'A clean emulator for every test'
            Code    = @'
BeforeAll { $script:emulator = Start-FragmentEmulator -Connect }
BeforeEach {
    Reset-FragmentEmulator
    Add-FragmentEmulatorTask -Count 30
}
AfterAll { $emulator | Stop-FragmentEmulator }
'@
            Remarks = 'Each test sees the same 30 synthetic tasks, and nothing any other test left behind.'
        }
        @{
            Title   = 'Reset an emulator that is not the default'
            Code    = @'
$other = Start-FragmentEmulator
$other | Reset-FragmentEmulator
'@
            Remarks = 'Piping the emulator object names the emulator to reset.'
        }
    )

    Outputs      = 'None.'

    RelatedLinks = @('Start-FragmentEmulator', 'Add-FragmentEmulatorTask', 'Get-FragmentEmulatorStatistic', 'about_FragmentPS_Testing')
}
