@{
    Synopsis     = 'Starts the Fragment emulator bundled with the module, for offline tests of runbooks.'

    Description  = @'
Start-FragmentEmulator runs the emulator that ships in the module's emulator folder as a child process
on a free port of 127.0.0.1, waits until it accepts requests, and returns a FragmentEmulator object with
its BaseUri (http://127.0.0.1:<port>/api/v1), its Token, its ProcessId and IsRunning. The emulator serves
the same API contract as Fragment: tasks, batch writes, searches with cursors, comments, validation errors
and 429 answers with Retry-After. It keeps its data in memory, so every start is empty unless -Seed says
otherwise.

With -Connect it also runs Connect-Fragment against it (with the client-side rate limiter off), so the
emulator becomes the default session and every FragmentPS cmdlet of the script or test talks to it; it
also becomes the default emulator of Reset-FragmentEmulator, Add-FragmentEmulatorTask,
Get-FragmentEmulatorRequest, Set-FragmentEmulatorFault, Clear-FragmentEmulatorFault,
Get-FragmentEmulatorStatistic and Set-FragmentEmulatorClock. Stop-FragmentEmulator later puts the default
session of before back. Without -Connect, pass its BaseUri and Token to Connect-Fragment yourself.

The emulator accepts only its token (by default a new random one), given to it in its environment, never
on its command line, which every local user can read. Its admin routes, which those cmdlets call, need an
admin key that the emulator made at start; the emulator object keeps it to itself: it is no property, it is
never displayed, and Export-Clixml writes neither it nor the token. Its rate limit is off unless
-RequestsPerMinute is given; the real API allows 60 requests a minute.

The emulator lives as long as this PowerShell process at most: it ends by itself within a few seconds when
the process ends, however it ends (exit, a closed terminal, SIGTERM or SIGKILL). It runs in a process group
of its own, so Ctrl+C at the prompt stops the command that runs, not the emulator. Stop it earlier with
Stop-FragmentEmulator. A taken -Port fails with FragmentEmulatorPortInUse, naming the port. The emulator
needs the ASP.NET Core runtime of the .NET that runs PowerShell; when it cannot start otherwise, the cmdlet
stops with FragmentEmulatorFailed.
'@

    Parameters   = @{
        Token             = @'
The token the emulator accepts, as a SecureString, without commas or surrounding spaces. By default a new
random token ('emulator-' and a GUID), which the returned object carries in its Token property.
'@
        Port              = @'
The TCP port to listen on, on 127.0.0.1. 0, the default, picks a free port; read it from the returned
object's BaseUri. A port that is taken fails with FragmentEmulatorPortInUse.
'@
        RequestsPerMinute = @'
The emulator's own rate limit, in requests per minute per token, named like Connect-Fragment's; beyond it
(after the burst) it answers 429 with Retry-After, like Fragment. 0, the default here, switches it off. Use
60 to test a script against the real API's limit. The old name -RateLimit still works.
'@
        Burst             = @'
How many requests a full bucket of the emulator's rate limit lets through at once, 1 to 10000. By default
the emulator's own default, 10. Only matters with -RequestsPerMinute.
'@
        Seed              = @'
How many synthetic tasks to create at start (0 to 1,000,000), as Add-FragmentEmulatorTask -Count makes
them: titles 'Seeded task <n>', field country cycling through FR, DE, US, GB, ES, field ticket_id 'T-<n>',
status cycling through TODO, STARTED, DONE, due dates spread over two weeks.
'@
        Now               = @'
Where the emulator's clock starts, for tests at a fixed date; it runs on from there. Every date the server
sets (created_at, updated_at, the default due_at, started_at, done_at...) comes from that clock. By default
the machine's clock. Set-FragmentEmulatorClock moves it later.
'@
        Connect           = @'
Also runs Connect-Fragment -BaseUri <emulator> -Token <token> -RequestsPerMinute 0, making the emulator
the default session and the default emulator of the emulator cmdlets. A failure to connect is written as
an error; the emulator object is still returned.
'@
    }

    DefaultValues = @{
        Token = 'a new random token'
        Burst = '10 (the emulator''s default)'
    }

    Examples     = @(
        @{
            Title   = 'A Pester test of a runbook, offline'
            Code    = @'
BeforeAll {
    Import-Module FragmentPS
    $script:emulator = Start-FragmentEmulator -Seed 30 -Connect
}
AfterAll {
    $emulator | Stop-FragmentEmulator
}
It 'closes the French tasks' {
    ./Close-FrenchTasks.ps1
    Get-FragmentTask -Filter @{ country = 'FR' } -Status TODO, STARTED | Should -BeNullOrEmpty
}
'@
            Remarks = @'
30 seeded tasks, six of them French (country cycles through five values). Stopping only its own emulator
puts the default session of before back. about_FragmentPS_Testing has a complete example.
'@
        }
        @{
            Title   = 'Run the quickstart against an emulator'
            Code    = @'
$emulator = Start-FragmentEmulator
$env:FRAGMENT_TOKEN = [System.Net.NetworkCredential]::new('', $emulator.Token).Password
./examples/quickstart.ps1 -BaseUri $emulator.BaseUri
$emulator | Stop-FragmentEmulator
'@
            Remarks = @'
A script that connects by itself finds the token in FRAGMENT_TOKEN and the address in -BaseUri.
'@
        }
        @{
            Title   = 'Reproduce the real rate limit and look at the statistics'
            Code    = @'
$emulator = Start-FragmentEmulator -RequestsPerMinute 60 -Burst 10
Connect-Fragment -BaseUri $emulator.BaseUri -Token $emulator.Token -RequestsPerMinute 0 -RetryIntervalSec 0.1
1..30 | ForEach-Object { [pscustomobject]@{ Title = "Load $_"; ExternalId = "load-$_" } } |
    New-FragmentTask -BatchSize 1 | Out-Null
($emulator | Get-FragmentEmulatorStatistic).RateLimited
'@
            Remarks = @'
With the client-side limiter off, the emulator answers 429 beyond its burst, and the client retries after
Retry-After. RateLimited counts the 429 answers served.
'@
        }
    )

    Outputs      = @'
FragmentPS.FragmentEmulator: BaseUri (pass it to Connect-Fragment -BaseUri), AdminUri (the /_emulator/
routes the emulator cmdlets call), Token (a SecureString), ProcessId and IsRunning ($false once stopped).
'@

    Notes        = @'
The emulator listens on loopback only, so Connect-Fragment accepts its plain http address without
-AllowUnencryptedAuthentication. Start several emulators (each on its own port) to test scripts that use
two accounts.
'@

    RelatedLinks = @('Stop-FragmentEmulator', 'Reset-FragmentEmulator', 'Add-FragmentEmulatorTask', 'Get-FragmentEmulatorRequest', 'Set-FragmentEmulatorClock', 'Connect-Fragment', 'about_FragmentPS_Testing')
}
