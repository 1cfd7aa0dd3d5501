# Issue 6 benchmark: Import-Module time against a bare pwsh start (median of 5 fresh processes each).
param([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $Root)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '_BenchTools.psm1') -Force
$bare = Measure-Median -Count 5 { Invoke-ChildPwsh -Command 'exit 0' }
$import = Measure-Median -Count 5 { Invoke-ChildPwsh -Command "Import-Module '$ModulePath'" }
$use = Measure-Median -Count 5 { Invoke-ChildPwsh -Command "Import-Module '$ModulePath'; `$null = Get-Command -Module FragmentPS" }
Format-BenchTable -Title 'Import-Module FragmentPS' -Rows @(
    [pscustomobject]@{ Run = 'pwsh -NoProfile, bare start'; Ms = [math]::Round($bare) }
    [pscustomobject]@{ Run = 'pwsh -NoProfile + Import-Module'; Ms = [math]::Round($import); ImportMs = [math]::Round($import - $bare) }
    [pscustomobject]@{ Run = '... + Get-Command -Module FragmentPS'; Ms = [math]::Round($use); ImportMs = [math]::Round($use - $bare) }
)
