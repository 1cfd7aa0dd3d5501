# Runs Pester suites in this (child) pwsh against the BUILT module and writes a summary for build.ps1.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    # Test fixtures that build.ps1 laid out (tests/fixtures), such as another vendor's module.
    [string] $FixturesPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [Parameter(Mandatory)] [string] $Path
)
$ErrorActionPreference = 'Stop'
$env:NO_COLOR = '1'
$PSStyle.OutputRendering = 'PlainText'
# Suites import the module from here, so they always test what build.ps1 laid out; the example runbooks'
# tests import it by name, as users do once it is installed, which the module's folder on PSModulePath allows.
$env:FRAGMENTPS_MODULE_PATH = $ModulePath
$env:FRAGMENTPS_FIXTURES_PATH = $FixturesPath
$env:PSModulePath = (Split-Path $ModulePath) + [System.IO.Path]::PathSeparator + $env:PSModulePath
Import-Module $PesterPath -Force

$config = New-PesterConfiguration
$config.Run.Path = $Path -split [System.IO.Path]::PathSeparator
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.Output.RenderMode = 'Plaintext'
$result = Invoke-Pester -Configuration $config

[pscustomobject]@{
    Passed = $result.PassedCount
    Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount
} | ConvertTo-Json | Set-Content -Path $SummaryPath
exit ([int]($result.Result -ne 'Passed'))
