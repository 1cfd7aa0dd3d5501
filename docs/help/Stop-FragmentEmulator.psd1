@{
    Synopsis     = 'Stops emulators started by Start-FragmentEmulator; by default all of them.'

    Description  = @'
Stop-FragmentEmulator ends the process of each emulator it is given, waiting up to five seconds for it to
exit. Without -Emulator, it stops every emulator that Start-FragmentEmulator started in this PowerShell
process (in any runspace), which makes it the natural last line of a Pester AfterAll block.

Stopping an emulator discards its data: everything it held was in memory. A session connected to it
(for example by Start-FragmentEmulator -Connect) is not disconnected and stays the default session; its
next request fails with FragmentNetworkError, after the session's retries. Run Disconnect-Fragment as well
when the test run goes on.

Emulators are also stopped when the PowerShell process that started them exits.
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
            Title   = 'Stop everything at the end of a test file'
            Code    = @'
AfterAll {
    Disconnect-Fragment
    Stop-FragmentEmulator
}
'@
            Remarks = @'
Stops every emulator this process started, then nothing is left listening.
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
