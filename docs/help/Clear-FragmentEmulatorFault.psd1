@{
    Synopsis     = 'Removes every fault rule from an emulator.'

    Description  = @'
Clear-FragmentEmulatorFault removes the fault rules that Set-FragmentEmulatorFault (or the emulator''s
start options) added, so that every request is served normally again. Tasks, the journal and the
statistics stay; Reset-FragmentEmulator clears those too.

It works on the emulator given with -Emulator or through the pipeline; without one, on the emulator the
last Start-FragmentEmulator -Connect started.
'@

    Parameters   = @{
        Emulator = @'
The emulator: a FragmentEmulator object from Start-FragmentEmulator. Takes pipeline input. By default the
one the last Start-FragmentEmulator -Connect started.
'@
    }

    Examples     = @(
        @{
            Title   = 'A fault for one test only'
            Code    = @'
It 'rides out a 503' {
    Set-FragmentEmulatorFault -Kind Status -StatusCode 503 -Method PATCH -Count 1
    ./My-Runbook.ps1
}
AfterEach { Clear-FragmentEmulatorFault }
'@
            Remarks = 'The rule is gone before the next test starts.'
        }
        @{
            Title   = 'Clear the faults of a given emulator'
            Code    = '$emulator | Clear-FragmentEmulatorFault'
            Remarks = 'Piping the emulator object names the emulator.'
        }
    )

    Outputs      = 'None.'

    RelatedLinks = @('Set-FragmentEmulatorFault', 'Reset-FragmentEmulator', 'about_FragmentPS_Testing')
}
