@{
    Synopsis     = 'Stops emulators started by Start-FragmentEmulator; by default all of them.'

    Description  = @'
Stop-FragmentEmulator ends each emulator it is given: it closes the emulator's standard input, so the
emulator stops cleanly, and kills it if it is still running five seconds later. Without -Emulator, it
stops every emulator that Start-FragmentEmulator started in this PowerShell process (in any runspace),
the ones you started by hand at the prompt included: in a test file, stop only your own, by piping it.

Stopping an emulator discards its data: everything it held was in memory. Its IsRunning is $false from
then on. When the default session points at the stopped emulator, it is disconnected; when
Start-FragmentEmulator -Connect made that session, the session that was the default before comes back.

Emulators also end by themselves when the PowerShell process that started them ends, however it ends.
'@

    Parameters   = @{
        Emulator = @'
The emulators to stop: FragmentEmulator objects returned by Start-FragmentEmulator. Takes pipeline input.
When omitted, every emulator started in this process is stopped. Objects that were not started by
Start-FragmentEmulator (built by hand) are ignored.
'@
    }

    Examples     = @(
        @{
            Title   = 'Stop your own emulator at the end of a test file'
            Code    = @'
BeforeAll { $script:emulator = Start-FragmentEmulator -Connect }
AfterAll { $emulator | Stop-FragmentEmulator }
'@
            Remarks = @'
Stops the test file's emulator only, and gives back the default session that was there before the file
ran; an emulator started at the prompt keeps running.
'@
        }
        @{
            Title   = 'Stop one of two emulators'
            Code    = @'
$eu = Start-FragmentEmulator
$us = Start-FragmentEmulator
# ... tests that use both ...
$eu | Stop-FragmentEmulator -Verbose

VERBOSE: Stopped the Fragment emulator at http://127.0.0.1:41237/api/v1.
'@
            Remarks = @'
Only the piped emulator stops; $us keeps running until it is stopped or the process exits.
'@
        }
    )

    Outputs      = 'None. -Verbose names each emulator stopped.'

    RelatedLinks = @('Start-FragmentEmulator', 'Disconnect-Fragment', 'about_FragmentPS_Testing')
}
