# The main job: start the bundled emulator, run the quickstart against it, stop the emulator.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Quickstart
)
$ErrorActionPreference = 'Stop'
$env:PSModulePath = (Split-Path $ModulePath) + [System.IO.Path]::PathSeparator + $env:PSModulePath
Import-Module FragmentPS
$emulator = Start-FragmentEmulator
Write-Host "Emulator listening on $($emulator.BaseUri)"
try {
    $env:FRAGMENT_TOKEN = [System.Net.NetworkCredential]::new('', $emulator.Token).Password
    & $Quickstart -BaseUri $emulator.BaseUri
}
finally {
    Remove-Item Env:FRAGMENT_TOKEN -ErrorAction Ignore
    $emulator | Stop-FragmentEmulator
    Write-Host 'Emulator stopped.'
}
