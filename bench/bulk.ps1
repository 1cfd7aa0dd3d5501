# Issue 5 benchmark: bulk creates through the account's limit, against the theoretical minimum for that limit.
param([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $Root)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '_BenchTools.psm1') -Force
Import-Module $ModulePath -Force
$ProgressPreference = 'SilentlyContinue'

function Measure-Bulk([int] $Rows, [int] $PerMinute, [int] $Burst, [int] $BatchSize) {
    $emu = Start-FragmentEmulator -RequestsPerMinute $PerMinute -Burst $Burst
    try {
        # Warm the emulator's and the client's request paths (JIT) without the client's limiter, then reset the
        # emulator (buckets, tasks, stats), so the figure is about the rate limit, not about a cold server. The
        # measured connect below makes the token's client bucket afresh.
        $warm = Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0 -PassThru
        $null = 1..2 | ForEach-Object { [pscustomobject]@{ Title = "warm-up $_" } } | New-FragmentTask -Session $warm
        Reset-FragmentEmulator $emu
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute $PerMinute -Burst $Burst
        $made = 1..$Rows | ForEach-Object { [pscustomobject]@{ Title = "bulk $_"; ExternalId = "bulk-$_" } } |
            New-FragmentTask -BatchSize $BatchSize
        $elapsed = $sw.Elapsed.TotalSeconds
        $stats = Get-FragmentEmulatorStatistic $emu
        $requests = $stats.TotalRequests
        # The fastest any client can go: the burst at once, then one request per 60/PerMinute seconds.
        $minimum = [math]::Max(0, $requests - $Burst) * 60.0 / $PerMinute
        [pscustomobject]@{
            Rows = $Rows; BatchSize = $BatchSize; Limit = "$PerMinute/min, burst $Burst"; Requests = $requests
            Created = @($made).Count; Seconds = [math]::Round($elapsed, 2); MinimumSeconds = [math]::Round($minimum, 2)
            Ratio = if ($minimum -gt 0) { [math]::Round($elapsed / $minimum, 3) } else { 'n/a' }
            Served429 = $stats.rate_limited
        }
    }
    finally {
        Disconnect-Fragment
        $emu | Stop-FragmentEmulator
    }
}

$rows = @(
    # The real limit: 1,200 rows become 12 batch requests (+1 to connect).
    Measure-Bulk -Rows 1200 -PerMinute 60 -Burst 10 -BatchSize 100
    # The limiter's own pacing, one request per row: 150 requests at 600/min (10x the real rate, to stay short).
    Measure-Bulk -Rows 150 -PerMinute 600 -Burst 10 -BatchSize 1
)
Format-BenchTable -Title 'Bulk creates through the rate limit (goal: ratio <= 1.1, 0 served 429)' -Rows $rows
