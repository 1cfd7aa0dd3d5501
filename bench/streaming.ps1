# Issue 4 benchmarks: time to first task, streaming throughput, memory, per-call overhead. One run, so ratios hold.
param([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $Root)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '_BenchTools.psm1') -Force
Import-Module $ModulePath -Force
$ProgressPreference = 'SilentlyContinue'

Add-Type -TypeDefinition @'
using System;
using System.Net.Http;
using System.Text.Json;
public static class PlainLoop
{
    static readonly HttpClient Http = new HttpClient();
    // Follows the cursors and only parses the JSON: the floor any client pays.
    public static int Stream(string baseUri, string token, int pageSize)
    {
        int count = 0; string cursor = null;
        do
        {
            var url = baseUri + "/tasks?limit=" + pageSize + (cursor == null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            using var req = new HttpRequestMessage(HttpMethod.Get, url);
            req.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var resp = Http.Send(req);
            resp.EnsureSuccessStatusCode();
            using var doc = JsonDocument.Parse(resp.Content.ReadAsStream());
            count += doc.RootElement.GetProperty("items").GetArrayLength();
            var next = doc.RootElement.GetProperty("meta").GetProperty("next_cursor");
            cursor = next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        } while (cursor != null);
        return count;
    }
    public static int Page(string baseUri, string token, int pageSize)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, baseUri + "/tasks?limit=" + pageSize);
        req.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var resp = Http.Send(req);
        resp.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(resp.Content.ReadAsStream());
        return doc.RootElement.GetProperty("items").GetArrayLength();
    }
    public static string Get(string url, string token)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, url);
        req.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var resp = Http.Send(req);
        resp.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(resp.Content.ReadAsStream());
        return doc.RootElement.GetProperty("uid").GetString();
    }
}
'@

$emu = Start-FragmentEmulator -Seed 10000
try {
    $token = [System.Net.NetworkCredential]::new('', $emu.Token).Password
    $base = $emu.BaseUri.ToString().TrimEnd('/')
    Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0
    # Warm up every path (JIT tiering, connections, the emulator's own JIT): .NET compiles a method again,
    # optimised, only after it has run ~30 times, and a cold run here was 2-3 times slower than a warm one.
    foreach ($i in 1..10) {
        $null = [PlainLoop]::Stream($base, $token, 100)
        $null = Get-FragmentTask -PageSize 100 | Measure-Object
    }
    $null = & "$PSScriptRoot/_irm-loop.ps1" -BaseUri $base -Token $token

    # Sub-millisecond figures: many rounds, interleaved, and the median of each (a GC in one round is noise).
    # 101 rounds: with 31 the ratio of two medians moved by 0.3 between runs on a shared two-core machine.
    $pageRuns = [System.Collections.Generic.List[double]]::new()
    $firstRuns = [System.Collections.Generic.List[double]]::new()
    $fragmentPageRuns = [System.Collections.Generic.List[double]]::new()
    foreach ($i in 1..101) {
        $pageRuns.Add((Measure-Median -Count 1 { [PlainLoop]::Page($base, $token, 100) }))
        $firstRuns.Add((Measure-Median -Count 1 { Get-FragmentTask -PageSize 100 | Select-Object -First 1 }))
        $fragmentPageRuns.Add((Measure-Median -Count 1 { Get-FragmentTask -PageSize 100 -First 100 }))
    }
    $onePage = ($pageRuns | Sort-Object)[50]
    $firstTask = ($firstRuns | Sort-Object)[50]
    $pageFragment = ($fragmentPageRuns | Sort-Object)[50]

    # Interleaved, so that both sides see the same machine load; the median of each.
    $fragmentRuns = [System.Collections.Generic.List[double]]::new()
    $outNullRuns = [System.Collections.Generic.List[double]]::new()
    $plainRuns = [System.Collections.Generic.List[double]]::new()
    foreach ($i in 1..11) {
        $fragmentRuns.Add((Measure-Median -Count 1 { Get-FragmentTask -PageSize 100 | Measure-Object }))
        $outNullRuns.Add((Measure-Median -Count 1 { Get-FragmentTask -PageSize 100 | Out-Null }))
        $plainRuns.Add((Measure-Median -Count 1 { [PlainLoop]::Stream($base, $token, 100) }))
    }
    $streamFragment = ($fragmentRuns | Sort-Object)[5]
    $streamOutNull = ($outNullRuns | Sort-Object)[5]
    $streamPlain = ($plainRuns | Sort-Object)[5]
    # What the consumer alone costs: the same 10,000 tasks, already in memory, through Measure-Object.
    $inMemory = @(Get-FragmentTask -PageSize 100)
    $consumerOnly = Measure-Median -Count 7 { $inMemory | Measure-Object }
    $inMemory = $null
    $streamIrm = Measure-Median -Count 3 { & "$PSScriptRoot/_irm-loop.ps1" -BaseUri $base -Token $token }

    $uids = (Invoke-RestMethod "$base/tasks?limit=100" -Headers @{ Authorization = "Bearer $token" }).items.uid
    $calls = 1000
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    for ($i = 0; $i -lt $calls; $i++) { $null = Get-FragmentTask -Uid $uids[$i % $uids.Count] }
    $perFragment = $sw.Elapsed.TotalMilliseconds / $calls
    $sw.Restart()
    for ($i = 0; $i -lt $calls; $i++) { $null = [PlainLoop]::Get("$base/tasks/$($uids[$i % $uids.Count])", $token) }
    $perPlain = $sw.Elapsed.TotalMilliseconds / $calls
    $sw.Restart()
    for ($i = 0; $i -lt $calls; $i++) { $null = Invoke-RestMethod "$base/tasks/$($uids[$i % $uids.Count])" -Headers @{ Authorization = "Bearer $token" } }
    $perIrm = $sw.Elapsed.TotalMilliseconds / $calls
}
finally {
    Disconnect-Fragment
    $emu | Stop-FragmentEmulator
}

Format-BenchTable -Title 'Time to the first task (100-page search, 10,000 tasks)' -Rows @(
    [pscustomobject]@{ Measure = 'one page request, plain HttpClient (ms)'; Value = [math]::Round($onePage, 2) }
    [pscustomobject]@{ Measure = 'one page, Get-FragmentTask -First 100 (ms)'; Value = [math]::Round($pageFragment, 2) }
    [pscustomobject]@{ Measure = 'first task of the whole search (ms)'; Value = [math]::Round($firstTask, 2) }
    [pscustomobject]@{ Measure = 'first task / one page request (issue 15 floor: 1.3)'; Value = [math]::Round($firstTask / $onePage, 2) }
    [pscustomobject]@{ Measure = 'first task / one Get-FragmentTask page'; Value = [math]::Round($firstTask / $pageFragment, 2) }
)
Format-BenchTable -Title 'Streaming 10,000 tasks (100 pages of 100)' -Rows @(
    [pscustomobject]@{ Client = 'plain C# HttpClient loop (parse only)'; Ms = [math]::Round($streamPlain); Ratio = 1.0 }
    [pscustomobject]@{ Client = 'Get-FragmentTask | Measure-Object (issue 15 floor: 2)'; Ms = [math]::Round($streamFragment); Ratio = [math]::Round($streamFragment / $streamPlain, 2) }
    [pscustomobject]@{ Client = 'Get-FragmentTask | Out-Null'; Ms = [math]::Round($streamOutNull); Ratio = [math]::Round($streamOutNull / $streamPlain, 2) }
    [pscustomobject]@{ Client = '(Measure-Object alone, 10,000 tasks in memory)'; Ms = [math]::Round($consumerOnly); Ratio = [math]::Round($consumerOnly / $streamPlain, 2) }
    [pscustomobject]@{ Client = 'Invoke-RestMethod cursor loop'; Ms = [math]::Round($streamIrm); Ratio = [math]::Round($streamIrm / $streamPlain, 2) }
)
Format-BenchTable -Title "Per-call cost of $calls sequential gets by uid" -Rows @(
    [pscustomobject]@{ Client = 'plain C# HttpClient'; MsPerCall = [math]::Round($perPlain, 3) }
    [pscustomobject]@{ Client = 'Get-FragmentTask -Uid'; MsPerCall = [math]::Round($perFragment, 3); OverheadMs = [math]::Round($perFragment - $perPlain, 3) }
    [pscustomobject]@{ Client = 'Invoke-RestMethod'; MsPerCall = [math]::Round($perIrm, 3); OverheadMs = [math]::Round($perIrm - $perPlain, 3) }
)

# Peak memory in a fresh process per size, so one run's heap does not hide the other's.
$memory = foreach ($size in 1000, 100000) {
    $script = @"
`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'
Import-Module '$ModulePath'
`$emu = Start-FragmentEmulator -Seed $size
Connect-Fragment -BaseUri `$emu.BaseUri -Token `$emu.Token -RequestsPerMinute 0
[GC]::Collect(); `$before = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
`$n = (Get-FragmentTask -PageSize 100 | Measure-Object).Count
`$peak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
Stop-FragmentEmulator
"`$n `$before `$peak"
"@
    $n, $before, $peak = (Invoke-ChildPwsh -Command $script | Select-Object -Last 1) -split ' '
    [pscustomobject]@{ Tasks = [int]$n; PeakMB = [math]::Round([long]$peak / 1MB, 1); BeforeMB = [math]::Round([long]$before / 1MB, 1) }
}
$memory[0] | Add-Member GrowthMB 0
$memory[1] | Add-Member GrowthMB ([math]::Round($memory[1].PeakMB - $memory[0].PeakMB, 1))
Format-BenchTable -Title 'Peak working set of Get-FragmentTask | Measure-Object (goal: growth < 50 MB)' -Rows $memory
