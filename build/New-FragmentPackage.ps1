# Writes out/FragmentPS.<version>.nupkg from the laid-out module, with PSResourceGet (ships with pwsh 7.4+).
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $OutDir
)
$ErrorActionPreference = 'Stop'
$manifest = Test-ModuleManifest (Join-Path $ModuleDir 'FragmentPS.psd1')
$feed = Join-Path $OutDir 'package-feed'
if (Test-Path $feed) { Remove-Item $feed -Recurse -Force }
$null = New-Item -ItemType Directory $feed
$repo = 'FragmentPSBuild-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
Register-PSResourceRepository -Name $repo -Uri $feed -Trusted
try {
    Publish-PSResource -Path $ModuleDir -Repository $repo -SkipDependenciesCheck
}
finally {
    Unregister-PSResourceRepository -Name $repo
}
$nupkg = Get-ChildItem $feed -Filter '*.nupkg' | Select-Object -First 1
$target = Join-Path $OutDir "FragmentPS.$($manifest.Version).nupkg"
Move-Item $nupkg.FullName $target -Force
Remove-Item $feed -Recurse -Force
Write-Host "Package written: $target"
