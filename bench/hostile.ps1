# Memory against answers too large to hold (issue 14): each case in a fresh pwsh, against the misbehaving
# server of tests/Fixtures/HostileServer.cs. Growth is the peak resident set during the call above the
# resident set just before it (Linux: the peak is reset first through /proc/self/clear_refs). Goal: < 200 MB.
# EndedInMs is how long the call took to end: for the cursors that never end, how soon the client gives up.
param([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $Root)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '_BenchTools.psm1') -Force
Add-Type -Path (Join-Path $Root 'tests/Fixtures/HostileServer.cs')

$server = [FragmentPS.TestFixtures.HostileServer]::Start()
try {
    $cases = @(
        @{ Case = '2 GB body, no length'; Scenario = 'huge'; Command = 'Get-FragmentTask -First 5' }
        @{ Case = '2 GB body, length declared'; Scenario = 'huge-declared'; Command = 'Get-FragmentTask -Uid ([guid]::NewGuid())' }
        @{ Case = 'gzip bomb (1 MB -> 1 GiB)'; Scenario = 'gzip-bomb'; Command = 'Get-FragmentTask -First 5' }
        @{ Case = '1,000,000 items, -First 5'; Scenario = 'many-items'; Command = 'Get-FragmentTask -First 5' }
        @{ Case = '2 GB body, Invoke-FragmentRestMethod -All'; Scenario = 'huge'; Command = 'Invoke-FragmentRestMethod /tasks -All' }
        @{ Case = 'a cursor that comes back'; Scenario = 'repeating-cursor'; Command = 'Get-FragmentTask' }
        @{ Case = 'fresh cursors past total_count'; Scenario = 'endless-pages'; Command = 'Get-FragmentTask' }
    )
    $rows = foreach ($case in $cases) {
        $server.ResetCounters()
        $script = @"
`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'
Import-Module '$ModulePath'
`$token = ConvertTo-SecureString 'hostile-token' -AsPlainText -Force
# The same paths once on a normal answer first, so that loading and compiling them is not counted.
Connect-Fragment -BaseUri '$($server.BaseUri('normal'))' -Token `$token -RequestsPerMinute 0
`$null = Get-FragmentTask; `$null = Get-FragmentTask -Uid ([guid]::NewGuid()); `$null = Invoke-FragmentRestMethod /tasks -All
Connect-Fragment -BaseUri '$($server.BaseUri($case.Scenario))' -Token `$token -RequestsPerMinute 0 -MaximumRetryCount 0
[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
try { [IO.File]::WriteAllText('/proc/self/clear_refs', '5') } catch { }
`$before = [Diagnostics.Process]::GetCurrentProcess().WorkingSet64
`$clock = [Diagnostics.Stopwatch]::StartNew()
`$id = try { $($case.Command) | Out-Null; 'no error' } catch { `$_.FullyQualifiedErrorId.Split(',')[0] }
`$ms = `$clock.ElapsedMilliseconds
`$peak = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
"`$before `$peak `$ms `$id"
"@
        $before, $peak, $ms, $id = (Invoke-ChildPwsh -Command $script | Select-Object -Last 1) -split ' ', 4
        [pscustomobject]@{
            Case       = $case.Case
            Error      = $id
            BeforeMB   = [math]::Round([long]$before / 1MB)
            PeakMB     = [math]::Round([long]$peak / 1MB)
            GrowthMB   = [math]::Round(([long]$peak - [long]$before) / 1MB)
            ServerSentMB = [math]::Round($server.BytesSent / 1MB, 1)
            Requests   = @($server.Requests | Where-Object { $_ -like "* /$($case.Scenario)/*" -and $_ -notlike '*/accounts/me*' }).Count
            EndedInMs  = [long]$ms
        }
    }
}
finally {
    $server.Dispose()
}
Format-BenchTable -Title 'Peak working set against hostile answers, default limit 32 MB (goal: growth < 200 MB), and how soon each call ends' -Rows $rows
