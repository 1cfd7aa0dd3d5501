@{
    Synopsis     = 'Gets the requests an emulator served (its journal), oldest first, to assert what a runbook sent.'

    Description  = @'
Get-FragmentEmulatorRequest returns the /api/v1 requests the emulator received since it started or was
reset, the newest last. Each FragmentEmulatorRequest has the Method; the Path below the API base (for
example /tasks/0f5e9c1a-...); the Route template (/tasks/{uid}); the Query, each parameter with its value
or values; the Body as objects, as ConvertFrom-Json would make them (text when it was not JSON, null when
there was none); the Status answered (0 when a fault dropped the connection); the Time it arrived, by this
machine's clock; and the Attempt: 1, or n when the same caller sent the same request n-1 times in a row
without success, which is how the client's retries show.

-Method and -Path filter with wildcards; -Since keeps the requests that arrived at or after a time. The
journal keeps the last 10,000 requests and at most 64 MB of bodies (a body over 1 MB is not kept).
Requests to the admin routes are never recorded, and neither is the token a request carried.
'@

    Parameters   = @{
        Emulator = @'
The emulator: a FragmentEmulator object from Start-FragmentEmulator. Takes pipeline input. By default the
one the last Start-FragmentEmulator -Connect started.
'@
        Method   = 'Only requests with one of these methods (GET, PATCH, ...). Wildcards are allowed; case does not matter.'
        Path     = @'
Only requests whose path matches one of these wildcard patterns, for example '/tasks/*' or '/tasks/batch'.
The path is below the API base and without the query string.
'@
        Since    = @'
Only requests that arrived at or after this time, for example a (Get-Date) taken before the part of a test
that matters.
'@
    }

    Examples     = @(
        @{
            Title   = 'Exactly these two updates, and no delete'
            Code    = @'
./Close-OverdueTasks.ps1 -GraceDays 7
$patches = Get-FragmentEmulatorRequest -Method PATCH
$patches | Should -HaveCount 1
$patches[0].Body.items.status | Should -Be 'DONE', 'DONE'
Get-FragmentEmulatorRequest -Method DELETE | Should -BeNullOrEmpty
'@
            Remarks = 'The two tasks went in one batch PATCH; the body is there as objects.'
        }
        @{
            Title   = 'See the retries after a fault'
            Code    = @'
Set-FragmentEmulatorFault -Kind Status -StatusCode 503 -Method GET -Route '/tasks/{uid}' -Count 2
Get-FragmentTask -Uid $task.Uid | Out-Null
Get-FragmentEmulatorRequest -Path '/tasks/*' | Format-Table Method, Path, Status, Attempt

Method Path                                       Status Attempt
------ ----                                       ------ -------
GET    /tasks/5d3c0e8e-1f7b-4c1e-9a59-0b8f2a3c4d11    503       1
GET    /tasks/5d3c0e8e-1f7b-4c1e-9a59-0b8f2a3c4d11    503       2
GET    /tasks/5d3c0e8e-1f7b-4c1e-9a59-0b8f2a3c4d11    200       3
'@
            Remarks = 'Two 503 answers, then the third attempt succeeded.'
        }
    )

    Outputs      = 'FragmentPS.FragmentEmulatorRequest: Sequence, Time, Method, Path, Route, Query, Body, Status and Attempt.'

    RelatedLinks = @('Get-FragmentEmulatorStatistic', 'Set-FragmentEmulatorFault', 'about_FragmentPS_Testing')
}
