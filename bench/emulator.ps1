#Requires -Version 7.2
<#
.SYNOPSIS
    Measures the emulator: seeding, search pages with and without a field filter, GET /tasks/{uid} throughput.
.DESCRIPTION
    Runs 'FragmentPS.Bench emulator', which hosts the emulator in-process with the rate limit off and prints a
    plain-text table with each figure and its goal. build.ps1 -Task Bench calls it with -ModulePath and -Root.
#>
[CmdletBinding()]
param(
    # The built module (out/FragmentPS); not needed by this benchmark, taken because every bench script gets it.
    [string] $ModulePath,

    # The repository root.
    [string] $Root = (Split-Path -Parent $PSScriptRoot)
)

$ErrorActionPreference = 'Stop'
& dotnet run --project (Join-Path $Root 'bench/FragmentPS.Bench') -c Release -- emulator
exit $LASTEXITCODE
