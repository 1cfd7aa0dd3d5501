@{
    Synopsis     = 'Adds a fault rule to an emulator: delays, error answers, dropped connections or cut-off answers.'

    Description  = @'
Set-FragmentEmulatorFault makes the emulator misbehave, on purpose, for the /api/v1 requests a rule matches
(by -Method and -Route), so a test can show what a runbook does when the API fails. -Kind says what
happens:

- Latency: waits -LatencyMs, then serves the request (every firing latency rule adds its delay).
- Status: answers -StatusCode (429, 500, 502, 503 or 504; default 503) without serving the request;
  -RetryAfterSec adds a Retry-After header.
- DropBefore: drops the connection without serving the request.
- DropAfter: serves the request (the change is applied), then drops the connection without an answer.
- Truncate: serves the request, then answers 200 with the first half of its body.

A rule fires for every matching request, or with -Probability for some of them (-Seed makes the draws the
same on every run), or as -Sequence says for the first ones; -Count caps how often it fires. Rules add up
until Clear-FragmentEmulatorFault or Reset-FragmentEmulator. Get-FragmentEmulatorStatistic lists them with
how often each matched and fired.

How FragmentPS meets each fault: a 429 is retried for every method; 502, 503, 504, drops, cut-off answers
and timeouts are retried for GET, PUT, PATCH and DELETE; for a POST whose outcome cannot be known the
client reports FragmentOutcomeUnknown instead of sending it twice; a 500 is never retried.
'@

    Parameters   = @{
        Emulator      = @'
The emulator: a FragmentEmulator object from Start-FragmentEmulator. Takes pipeline input. By default the
one the last Start-FragmentEmulator -Connect started.
'@
        Kind          = 'What the rule does: Latency, Status, DropBefore, DropAfter or Truncate (see the description).'
        Method        = 'The HTTP method the rule applies to, such as PATCH; * (the default) for every method.'
        Route         = @'
The route template the rule applies to: /accounts/me, /tasks, /tasks/{uid}, /tasks/batch,
/tasks/{uid}/comments or other; * (the default) for every route.
'@
        StatusCode    = 'For -Kind Status: the status to answer, 429, 500, 502, 503 or 504. By default 503.'
        RetryAfterSec = 'For -Kind Status: the seconds to send in a Retry-After header. By default no header.'
        LatencyMs     = 'For -Kind Latency (required there): the delay in milliseconds, 0 to 600000.'
        Probability   = 'The chance, from 0 to 1, that a matching request fires the rule. By default 1 (every one).'
        Seed          = 'Seeds the rule''s random draws for -Probability, so the same requests fire on every run.'
        Sequence      = @'
Which matching requests fire: the n-th fires when item n is $true, for example $true, $false, $true. Past
the end of the list, none fires. Overrides -Probability.
'@
        Count         = 'The most times the rule fires. By default there is no limit.'
        PassThru      = 'Writes every fault rule now active in the emulator, with its Matched and Fired counters.'
    }

    DefaultValues = @{
        Method = '*'
        Route  = '*'
    }

    Examples     = @(
        @{
            Title   = 'A 503 on the first batch update'
            Code    = @'
Set-FragmentEmulatorFault -Kind Status -StatusCode 503 -Method PATCH -Route /tasks/batch -Count 1
./Close-CountryTasks.ps1 -Country FR
(Get-FragmentEmulatorStatistic).CountOf('PATCH', '/tasks/batch', 503) | Should -Be 1
'@
            Remarks = 'The client retried after the 503; the runbook never noticed.'
        }
        @{
            Title   = 'A comment whose answer is lost'
            Code    = @'
Set-FragmentEmulatorFault -Kind DropAfter -Method POST -Route '/tasks/{uid}/comments' -Count 1
Add-FragmentComment -Uid $task.Uid -Content 'Done' -ErrorVariable problem -ErrorAction SilentlyContinue
$problem[0].FullyQualifiedErrorId     # FragmentOutcomeUnknown,...
'@
            Remarks = @'
The emulator stored the comment and dropped the connection; the client cannot know, so it says so instead
of posting the comment twice.
'@
        }
    )

    Outputs      = 'None, or with -PassThru FragmentPS.FragmentEmulatorFault objects: the active rules and their counters.'

    RelatedLinks = @('Clear-FragmentEmulatorFault', 'Get-FragmentEmulatorStatistic', 'Get-FragmentEmulatorRequest', 'about_FragmentPS_Testing')
}
