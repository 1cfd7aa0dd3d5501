# Issue 13 item 6: what Import-Module FragmentPS adds to a bare 'pwsh -NoProfile' start. The three kinds of
# process take turns, round after round, so a busy machine slows them alike; the overhead is the median of
# each round's difference to its bare start.
# -CompareWith: another build of the module (an older commit's out/FragmentPS), measured in the same rounds.
param([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $Root, [int] $Rounds = 11, [string] $CompareWith)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '_BenchTools.psm1') -Force
$runs = [ordered]@{
    'pwsh -NoProfile, bare start'          = 'exit 0'
    'pwsh -NoProfile + Import-Module'      = "Import-Module '$ModulePath'"
    '... + Get-Command -Module FragmentPS' = "Import-Module '$ModulePath'; `$null = Get-Command -Module FragmentPS"
}
if ($CompareWith) { $runs["pwsh -NoProfile + Import-Module $CompareWith"] = "Import-Module '$CompareWith'" }
$times = @{}
foreach ($name in $runs.Keys) { $times[$name] = [System.Collections.Generic.List[double]]::new() }
foreach ($round in 1..$Rounds) {
    foreach ($name in $runs.Keys) {
        $command = $runs[$name]
        $times[$name].Add((Measure-Median -Count 1 { Invoke-ChildPwsh -Command $command }))
    }
}
function Get-Median([double[]] $Values) { ($Values | Sort-Object)[[int][math]::Floor($Values.Count / 2)] }
$bare = $times['pwsh -NoProfile, bare start']
Format-BenchTable -Title "Import-Module FragmentPS (median of $Rounds rounds)" -Rows @(
    foreach ($name in $runs.Keys) {
        $overBare = foreach ($i in 0..($Rounds - 1)) { $times[$name][$i] - $bare[$i] }
        [pscustomobject]@{ Run = $name; Ms = [math]::Round((Get-Median $times[$name])); OverBareMs = [math]::Round((Get-Median $overBare)) }
    }
)
