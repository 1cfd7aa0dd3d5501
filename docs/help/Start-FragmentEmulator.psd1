@{
    Synopsis     = 'Starts the Fragment emulator bundled with the module, for offline tests of runbooks.'

    Description  = @'
Start-FragmentEmulator runs the emulator that ships in the module's emulator folder as a child process
on a free port of 127.0.0.1, waits until it accepts requests, and returns a FragmentEmulator object with
its BaseUri (http://127.0.0.1:<port>/api/v1), its AdminUri (http://127.0.0.1:<port>/_emulator/), its
Token and its ProcessId. The emulator serves the same API contract as Fragment: tasks, batch writes,
searches with cursors, comments, validation errors and 429 answers with Retry-After. It keeps its data in
memory, so every start is empty unless -Seed says otherwise.

With -Connect it also runs Connect-Fragment against it (with the client-side rate limiter off), so the
emulator becomes the default session and every FragmentPS cmdlet of the script or test talks to it.
Without -Connect, pass its BaseUri and Token to Connect-Fragment yourself, or set $env:FRAGMENT_TOKEN for a
script that connects on its own.

The emulator accepts only its token (by default a new random one), so a test can also check how a script
behaves with a wrong token. Its rate limit is off unless -RateLimit is given; the real API allows 60
requests a minute.

The admin routes under AdminUri drive it from tests, without a token: GET health, POST reset, POST seed,
GET and DELETE stats, POST tokens, and GET, POST and DELETE faults (latency, 429/5xx answers, connections
dropped before or after the change is applied, cut-off answers). about_FragmentPS_Testing shows them at
work in Pester.

Emulators never outlive the PowerShell process that started them; stop them earlier with
Stop-FragmentEmulator. The emulator needs the ASP.NET Core runtime of the .NET that runs PowerShell; when
it cannot start, the cmdlet stops with FragmentEmulatorFailed.
'@

    Parameters   = @{
        Token     = @'
The token the emulator accepts, as a SecureString. By default a new random token ('emulator-' and a GUID),
which the returned object carries in its Token property.
'@
        Port      = @'
The TCP port to listen on, on 127.0.0.1. 0, the default, picks a free port; read it from the returned
object's BaseUri. A fixed port fails to start when it is taken.
'@
        RateLimit = @'
The emulator's own rate limit, in requests per minute per token; beyond it (after the burst) it answers
429 with Retry-After, like Fragment. 0, the default here, switches it off. Use 60 to test a script against
the real API's limit.
'@
        Burst     = @'
How many requests a full bucket of the emulator's rate limit lets through at once, 1 to 10000. By default
the emulator's own default, 10. Only matters with -RateLimit.
'@
        Seed      = @'
How many synthetic tasks to create at start (0 to 1,000,000), through POST /_emulator/seed. Their titles
are 'Seeded task <n>', their field country cycles through FR, DE, US, GB, ES, their field ticket_id is
'T-<n>', their status cycles through TODO, STARTED, DONE, and their due dates spread over two weeks.
'@
        Connect   = @'
Also runs Connect-Fragment -BaseUri <emulator> -Token <token> -RequestsPerMinute 0, making the emulator
the default session. A failure to connect is written as an error; the emulator object is still returned.
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
    Disconnect-Fragment
    Stop-FragmentEmulator
}
It 'closes the French tasks' {
    ./Close-FrenchTasks.ps1
    Get-FragmentTask -Filter @{ country = 'FR' } -Status TODO, STARTED | Should -BeNullOrEmpty
}
'@
            Remarks = @'
30 seeded tasks, six of them French (country cycles through five values). about_FragmentPS_Testing has a
complete example with resets and fault injection.
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
$emulator = Start-FragmentEmulator -RateLimit 60 -Burst 10
Connect-Fragment -BaseUri $emulator.BaseUri -Token $emulator.Token -RequestsPerMinute 0 -RetryIntervalSec 0.1
1..30 | ForEach-Object { [pscustomobject]@{ Title = "Load $_"; ExternalId = "load-$_" } } |
    New-FragmentTask -BatchSize 1 | Out-Null
(Invoke-RestMethod "$($emulator.AdminUri)stats").rate_limited
'@
            Remarks = @'
With the client-side limiter off, the emulator answers 429 beyond its burst, and the client retries after
Retry-After. rate_limited counts the 429 answers served.
'@
        }
    )

    Outputs      = @'
FragmentPS.FragmentEmulator: BaseUri (pass it to Connect-Fragment -BaseUri), AdminUri (the /_emulator/
routes), Token (a SecureString), ProcessId and IsRunning.
'@

    Notes        = @'
The emulator listens on loopback only, so Connect-Fragment accepts its plain http address without
-AllowUnencryptedAuthentication. Start several emulators (each on its own port) to test scripts that use
two accounts.
'@

    RelatedLinks = @('Stop-FragmentEmulator', 'Connect-Fragment', 'about_FragmentPS_Testing', 'about_FragmentPS')
}
