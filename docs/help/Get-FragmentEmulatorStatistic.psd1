@{
    Synopsis     = 'Gets what an emulator holds and has served: tasks, requests by route and status, 429s, fault rules.'

    Description  = @'
Get-FragmentEmulatorStatistic returns one FragmentEmulatorStatistic object: Tasks, the number of tasks in
the emulator now; TotalRequests, the /api/v1 requests it served since it started or was reset;
RateLimited, the 429 answers among them (from its rate limit or from a fault); Routes, one row per method,
route template and status (Method, Route, Status, Count; status 0 counts requests a fault dropped without
an answer); and Faults, the fault rules active now with how often each matched and fired.

Its CountOf(method, route[, status]) method adds up the rows for a method and route, which makes
assertions short. The route templates are /accounts/me, /tasks, /tasks/{uid}, /tasks/batch,
/tasks/{uid}/comments and other. Calls to the admin routes (this one included) are never counted.

For the requests themselves, with their bodies, use Get-FragmentEmulatorRequest.
'@

    Parameters   = @{
        Emulator = @'
The emulator: a FragmentEmulator object from Start-FragmentEmulator. Takes pipeline input. By default the
one the last Start-FragmentEmulator -Connect started.
'@
    }

    Examples     = @(
        @{
            Title   = 'Assert how a runbook uses the API'
            Code    = @'
./Close-CountryTasks.ps1 -Country FR
$stats = Get-FragmentEmulatorStatistic
$stats.CountOf('GET', '/tasks') | Should -Be 1
$stats.CountOf('PATCH', '/tasks/batch', 200) | Should -Be 1
'@
            Remarks = 'One search and one batch update, whatever the number of tasks.'
        }
        @{
            Title   = 'Check that a script stays within the rate limit'
            Code    = @'
$emulator = Start-FragmentEmulator -RequestsPerMinute 60
Connect-Fragment -BaseUri $emulator.BaseUri -Token $emulator.Token
./My-Runbook.ps1
($emulator | Get-FragmentEmulatorStatistic).RateLimited | Should -Be 0
'@
            Remarks = 'With the client limiter on, the emulator never had to answer 429.'
        }
    )

    Outputs      = 'FragmentPS.FragmentEmulatorStatistic: Tasks, TotalRequests, RateLimited, Routes and Faults.'

    RelatedLinks = @('Get-FragmentEmulatorRequest', 'Reset-FragmentEmulator', 'Set-FragmentEmulatorFault', 'about_FragmentPS_Testing')
}
