# Issue 13 benchmark: one token, one budget, against the emulator at the real limit (60 a minute, bursts of 10).
#  1. Three FragmentPS processes, each creating 20 tasks one at a time on the same token: they share the
#     budget through the state file. Total time against the least any client could take, 429s, errors.
#  2. One FragmentPS process while another program (bench/_foreign-client.ps1, plain HttpClient) spends about
#     half the budget on the same token: nothing can be shared, so FragmentPS must adapt to the 429s it gets.
# It takes about five minutes.
param([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $Root)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '_BenchTools.psm1') -Force
Import-Module (Join-Path $PSScriptRoot '../build/ChildPwsh.psm1') -Force
Import-Module $ModulePath -Force
$ProgressPreference = 'SilentlyContinue'
$PerMinute = 60
$Burst = 10

# A child pwsh running a bench script; the token goes in its environment, never on its command line.
function Start-Script([string] $Script, [string[]] $Arguments, [string] $Token) {
    $cmd = @(Get-PwshCommandLine)
    $info = [System.Diagnostics.ProcessStartInfo]::new($cmd[0])
    foreach ($a in @($cmd | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot $Script)) + $Arguments) {
        $info.ArgumentList.Add($a)
    }
    $info.Environment['FRAGMENT_TOKEN'] = $Token
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    [pscustomobject]@{ Process = $process; Output = $process.StandardOutput.ReadToEndAsync() }
}
function Wait-Script($Child) {
    $Child.Process.WaitForExit()
    if ($Child.Process.ExitCode -ne 0) { throw "A bench child failed with exit code $($Child.Process.ExitCode): $($Child.Output.Result)" }
    $Child.Output.Result | ConvertFrom-Json
}
function Get-Stats($Emulator) { Get-FragmentEmulatorStatistic -Emulator $Emulator }
function Get-Count($Stats, [string] $Method, [string] $Route, [Nullable[int]] $Status) {
    $rows = $Stats.routes | Where-Object { $_.method -eq $Method -and $_.route -eq $Route -and ($null -eq $Status -or $_.status -eq $Status) }
    [int](($rows | Measure-Object -Property count -Sum).Sum)
}
function Get-PlainToken($Emulator) { [System.Net.NetworkCredential]::new('', $Emulator.Token).Password }

# ---- 1. three processes ---------------------------------------------------------------------------------
$emu = Start-FragmentEmulator -RequestsPerMinute $PerMinute -Burst $Burst
try {
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $children = foreach ($n in 1..3) {
        Start-Script '_sharing-worker.ps1' @('-ModulePath', $ModulePath, '-BaseUri', $emu.BaseUri, '-Count', '20', '-Name', "process-$n") (Get-PlainToken $emu)
    }
    $results = @($children | ForEach-Object { Wait-Script $_ })
    $wall = $clock.Elapsed.TotalSeconds
    # The work: from the first Connect-Fragment to the last answer (starting pwsh and importing are not limited).
    $work = (([DateTime[]]$results.Ended | Measure-Object -Maximum).Maximum - ([DateTime[]]$results.Started | Measure-Object -Minimum).Minimum).TotalSeconds
    $stats = Get-Stats $emu
    $requests = $stats.TotalRequests
    # The fastest any client can go: the burst at once, then one request per 60/PerMinute seconds.
    $minimum = [math]::Max(0, $requests - $Burst) * 60.0 / $PerMinute
    $three = [pscustomobject]@{
        Case = '3 processes x 20 creates'; Requests = $requests; Created = ($results | Measure-Object Created -Sum).Sum
        Errors = ($results | Measure-Object Errors -Sum).Sum; Served429 = $stats.RateLimited
        Pct429 = [math]::Round(100.0 * $stats.RateLimited / $requests, 1); OwnBudget = ($results | Measure-Object OwnBudget -Sum).Sum
        Seconds = [math]::Round($work, 1); MinimumSeconds = [math]::Round($minimum, 1); Ratio = [math]::Round($work / $minimum, 3)
        WallSeconds = [math]::Round($wall, 1)
    }
}
finally { Stop-FragmentEmulator -Emulator $emu }
Write-Host "`nThree processes on one token (goal: 0 errors, Pct429 <= 5, Ratio <= 1.15; Seconds from the first connect to the last answer, WallSeconds with starting pwsh)"
Write-Host (($three | Format-List | Out-String).TrimEnd())

# ---- 2. beside a foreign client ---------------------------------------------------------------------------
$Creates = 120
$emu = Start-FragmentEmulator -RequestsPerMinute $PerMinute -Burst $Burst
$stop = Join-Path ([System.IO.Path]::GetTempPath()) ("sharing-stop-" + [guid]::NewGuid().ToString('N'))
try {
    $token = Get-PlainToken $emu
    $foreign = Start-Script '_foreign-client.ps1' @('-BaseUri', $emu.BaseUri, '-StopFile', $stop, '-IntervalSec', '2') $token
    Start-Sleep -Seconds 5 # the other program is running when FragmentPS starts
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $worker = Start-Script '_sharing-worker.ps1' @('-ModulePath', $ModulePath, '-BaseUri', $emu.BaseUri, '-Count', "$Creates", '-Name', 'beside') $token
    while (-not $worker.Process.HasExited -and $clock.Elapsed.TotalSeconds -lt 60) { Start-Sleep -Milliseconds 200 }
    $atMinute = Get-Stats $emu
    $result = Wait-Script $worker
    $elapsed = $clock.Elapsed.TotalSeconds
    $end = Get-Stats $emu
    $null = New-Item -ItemType File -Path $stop
    $other = Wait-Script $foreign

    $posted = Get-Count $end 'POST' '/tasks'
    $posted429 = Get-Count $end 'POST' '/tasks' 429
    $late = $posted - (Get-Count $atMinute 'POST' '/tasks')
    $late429 = $posted429 - (Get-Count $atMinute 'POST' '/tasks' 429)
    $beside = [pscustomobject]@{
        Case = "FragmentPS, $Creates creates"; Requests = $posted + 1; Created = $result.Created; Errors = $result.Errors
        Served429 = $posted429; Pct429 = [math]::Round(100.0 * $posted429 / $posted, 1)
        AfterMinute = $late; AfterMinute429 = $late429; PctAfterMinute = if ($late) { [math]::Round(100.0 * $late429 / $late, 1) } else { 'n/a' }
        Seconds = [math]::Round($elapsed, 1); PerMinute = [math]::Round(60 * $result.Created / ([DateTime]$result.Ended - [DateTime]$result.Started).TotalSeconds, 1)
    }
    $foreignRow = [pscustomobject]@{
        Case = 'the other program (HttpClient)'; Requests = $other.Requests; Created = 'n/a'; Errors = 0
        Served429 = $other.Served429; Pct429 = [math]::Round(100.0 * $other.Served429 / [math]::Max(1, $other.Requests), 1)
        Seconds = [math]::Round($other.Seconds, 1); PerMinute = [math]::Round(60 * $other.Ok / $other.Seconds, 1)
    }
}
finally {
    if (-not (Test-Path $stop)) { $null = New-Item -ItemType File -Path $stop }
    Stop-FragmentEmulator -Emulator $emu
    Remove-Item $stop -ErrorAction Ignore
}
Write-Host "`nFragmentPS beside another program on the same token (goal: 0 errors, PctAfterMinute <= 15)"
Write-Host ((@($beside, $foreignRow) | Format-List | Out-String).TrimEnd())
