#Requires -Version 7.2
<#
.SYNOPSIS
    The one entry point of the FragmentPS build.
.DESCRIPTION
    Build    compiles the solution and lays the module out as out/FragmentPS/<version>/.
    Test     builds, runs every xunit project and the Pester suites under tests/pester against the
             built module, prints 'N passed, N failed' as its last line and exits non-zero on a failure.
    Demo     builds, starts the bundled emulator on a free port, runs examples/quickstart.ps1, stops it.
    Bench    builds and runs the benchmark scripts under bench/ against the emulator; prints tables.
    Package  builds and writes out/FragmentPS.<version>.nupkg.
    Install  builds and copies the module into the current user's module path, so that
             'Import-Module FragmentPS' works in any session and in ForEach-Object -Parallel runspaces.
    Emulator builds and runs the emulator in the foreground (pass its options with -EmulatorArgs).
    Clean    removes out/ and every bin/ and obj/ folder.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Install', 'Emulator', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    # Where -Task Install puts the module; by default the current user's module path.
    [string] $InstallPath,

    # Options for the emulator, for -Task Emulator (e.g. '--port','8080','--token','t').
    [string[]] $EmulatorArgs = @(),

    # Only the benchmark scripts whose name matches, for -Task Bench.
    [string] $BenchFilter = '*',

    # Skip the build step (the module under out/ must already exist).
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$env:NO_COLOR = '1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
$PSStyle.OutputRendering = 'PlainText'

$Root = $PSScriptRoot
$Version = (Import-PowerShellDataFile (Join-Path $Root 'FragmentPS.psd1')).ModuleVersion
$OutDir = Join-Path $Root 'out'
$ModuleBase = Join-Path $OutDir 'FragmentPS'
$ModuleDir = Join-Path $ModuleBase $Version

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

Import-Module (Join-Path $PSScriptRoot 'build/ChildPwsh.psm1') -Force

function Invoke-ChildPwsh([string[]] $Arguments) {
    $cmd = @(Get-PwshCommandLine)
    $exe = $cmd[0]
    $rest = @($cmd | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive') + $Arguments
    # Its output goes to the console, not into this function's return value.
    & $exe @rest | Out-Host
    return $LASTEXITCODE
}

function Invoke-Build {
    if ($NoBuild) {
        if (-not (Test-Path (Join-Path $ModuleDir 'FragmentPS.dll'))) { throw "-NoBuild: no module at $ModuleDir; run -Task Build first." }
        return
    }
    Write-Host "Building FragmentPS $Version ($Configuration)"
    Invoke-Dotnet build (Join-Path $Root 'FragmentPS.sln') -c $Configuration -nologo -v q '-clp:ErrorsOnly;NoSummary'
    if (Test-Path $ModuleBase) { Remove-Item $ModuleBase -Recurse -Force }
    Invoke-Dotnet publish (Join-Path $Root 'src/FragmentPS/FragmentPS.csproj') -c $Configuration --no-build -nologo -v q -o $ModuleDir
    Invoke-Dotnet publish (Join-Path $Root 'src/FragmentPS.Emulator/FragmentPS.Emulator.csproj') -c $Configuration --no-build -nologo -v q -o (Join-Path $ModuleDir 'emulator')
    # PowerShell loads the module's own assemblies; the host supplies System.Management.Automation.
    Get-ChildItem $ModuleDir -Filter 'System.Management.Automation*' -ErrorAction Ignore | Remove-Item -Force
    # Only the cmdlet assembly stays at the root, in PowerShell's default load context; everything it depends on
    # goes to Dependencies/, which only the module's own load context reads (src/FragmentPS/Loading).
    $dependencies = New-Item -ItemType Directory (Join-Path $ModuleDir 'Dependencies')
    Get-ChildItem $ModuleDir -File | Where-Object { $_.Extension -in '.dll', '.pdb' -and $_.BaseName -ne 'FragmentPS' } |
        Move-Item -Destination $dependencies
    Copy-Item (Join-Path $Root 'FragmentPS.psd1') $ModuleDir
    $helpScript = Join-Path $Root 'build/New-FragmentHelp.ps1'
    if (Test-Path $helpScript) { & $helpScript -SourceDir (Join-Path $Root 'docs/help') -ModuleDir $ModuleDir }
    Write-Host "Module laid out at $ModuleDir"
}

# The Pester versions the tests run under (build/tools.proj downloads each): the newest, and the one most users have.
$PesterVersion = '6.2.0'
$ExamplesPesterVersion = '5.7.1'

function Get-PesterPath([string] $Version = $PesterVersion) {
    Invoke-Dotnet restore (Join-Path $Root 'build/tools.proj') -nologo -v q
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $pester = Join-Path $packages.Trim() "pester/$Version/tools/Pester.psd1"
    if (-not (Test-Path $pester)) { throw "Pester $Version was not found at $pester after restoring build/tools.proj." }
    return $pester
}

# The current user's module path: where PowerShell looks first, and where Install-Module -Scope CurrentUser puts modules.
function Get-UserModulePath {
    if ($IsWindows) { return Join-Path ([Environment]::GetFolderPath('MyDocuments')) 'PowerShell/Modules' }
    $data = if ($env:XDG_DATA_HOME) { $env:XDG_DATA_HOME } else { Join-Path $HOME '.local/share' }
    return Join-Path $data 'powershell/Modules'
}

function Invoke-Install {
    Invoke-Build
    $target = if ($InstallPath) { $InstallPath } else { Get-UserModulePath }
    $destination = Join-Path (Join-Path $target 'FragmentPS') $Version
    if (Test-Path $destination) { Remove-Item $destination -Recurse -Force }
    $null = New-Item -ItemType Directory -Force (Split-Path $destination)
    Copy-Item $ModuleDir $destination -Recurse
    Write-Host "Installed FragmentPS $Version at $destination; 'Import-Module FragmentPS' finds it in any new session."
}

# Runs Pester files in a child pwsh against the built module and returns its summary (null when it wrote none).
function Invoke-PesterFiles([string[]] $Files, [string] $Pester, [string] $Summary, [string] $Fixtures) {
    $exit = Invoke-ChildPwsh @('-File', (Join-Path $Root 'build/Invoke-PesterSuite.ps1'),
        '-PesterPath', $Pester, '-ModulePath', $ModuleBase, '-FixturesPath', $Fixtures, '-SummaryPath', $Summary,
        '-Path', ($Files -join [System.IO.Path]::PathSeparator))
    if (Test-Path $Summary) { return Get-Content -Raw $Summary | ConvertFrom-Json }
    Write-Host "Pester produced no summary (exit code $exit): counted as one failure."
    return $null
}

# Sums the counters of the TRX files that 'dotnet test' wrote.
function Get-TrxCounts([string] $Path) {
    [xml] $trx = Get-Content -Raw $Path
    $c = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed = [int]$c.passed
        Failed = [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted
    }
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $OutDir 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $null = New-Item -ItemType Directory $results
    $passed = 0; $failed = 0
    $projects = Get-ChildItem (Join-Path $Root 'tests') -Recurse -Filter '*.Tests.csproj' | Sort-Object Name
    foreach ($project in $projects) {
        $name = $project.BaseName
        Write-Host "`n=== xunit: $name"
        $trxName = "$name.trx"
        & dotnet test $project.FullName -c $Configuration --no-build --nologo -v:q `
            --logger "trx;LogFileName=$trxName" --logger 'console;verbosity=minimal' --results-directory $results
        $trx = Join-Path $results $trxName
        if (Test-Path $trx) {
            $counts = Get-TrxCounts $trx
            $passed += $counts.Passed; $failed += $counts.Failed
            if ($LASTEXITCODE -ne 0 -and $counts.Failed -eq 0) { $failed++; Write-Host "$name exited with $LASTEXITCODE" }
        }
        else {
            Write-Host "$name produced no results (exit code $LASTEXITCODE): counted as one failure."
            $failed++
        }
    }

    $suites = @(Get-ChildItem (Join-Path $Root 'tests/pester') -Filter '*.Tests.ps1' -Recurse -ErrorAction Ignore) +
              @(Get-ChildItem (Join-Path $Root 'examples') -Filter '*.Tests.ps1' -Recurse -ErrorAction Ignore)
    $examples = @(Get-ChildItem (Join-Path $Root 'examples') -Filter '*.Tests.ps1' -Recurse -ErrorAction Ignore)
    $runs = @(@{ Version = $PesterVersion; Files = $suites })
    if ($examples.Count -gt 0) { $runs += @{ Version = $ExamplesPesterVersion; Files = $examples } }
    # Another vendor's module for the isolation tests, built with the solution.
    $fixtures = Join-Path $OutDir 'fixtures'
    if ($suites.Count -gt 0) {
        Invoke-Dotnet publish (Join-Path $Root 'tests/fixtures/VendorRest/VendorRest.csproj') -c $Configuration --no-build -nologo -v q -o (Join-Path $fixtures 'VendorRest')
    }
    foreach ($run in $runs) {
        if ($run.Files.Count -eq 0) { continue }
        Write-Host "`n=== Pester $($run.Version): $($run.Files.Count) files against $ModuleDir"
        $summary = Invoke-PesterFiles $run.Files.FullName (Get-PesterPath $run.Version) (Join-Path $results "pester-$($run.Version).json") $fixtures
        if ($summary) { $passed += [int]$summary.Passed; $failed += [int]$summary.Failed }
        else { $failed++ }
    }

    Write-Host ''
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $exit = Invoke-ChildPwsh @('-File', (Join-Path $Root 'build/Invoke-Demo.ps1'), '-ModulePath', $ModuleBase,
        '-Quickstart', (Join-Path $Root 'examples/quickstart.ps1'))
    if ($exit -ne 0) { throw "The quickstart failed with exit code $exit." }
}

function Invoke-Bench {
    Invoke-Build
    $scripts = Get-ChildItem (Join-Path $Root 'bench') -Filter "$BenchFilter.ps1" | Where-Object Name -NotLike '_*' | Sort-Object Name
    foreach ($script in $scripts) {
        Write-Host "`n=== bench: $($script.BaseName)"
        $exit = Invoke-ChildPwsh @('-File', $script.FullName, '-ModulePath', $ModuleBase, '-Root', $Root)
        if ($exit -ne 0) { throw "Benchmark $($script.Name) failed with exit code $exit." }
    }
}

function Invoke-Package {
    Invoke-Build
    $exit = Invoke-ChildPwsh @('-File', (Join-Path $Root 'build/New-FragmentPackage.ps1'), '-ModuleDir', $ModuleDir, '-OutDir', $OutDir)
    if ($exit -ne 0) { throw "Packaging failed with exit code $exit." }
}

function Invoke-Emulator {
    Invoke-Build
    & dotnet (Join-Path $ModuleDir 'emulator/FragmentPS.Emulator.dll') @EmulatorArgs
    exit $LASTEXITCODE
}

function Invoke-Clean {
    if (Test-Path $OutDir) { Remove-Item $OutDir -Recurse -Force }
    Get-ChildItem $Root -Directory -Recurse -Include 'bin', 'obj' | Remove-Item -Recurse -Force
}

Push-Location $Root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
        'Package' { Invoke-Package }
        'Install' { Invoke-Install }
        'Emulator' { Invoke-Emulator }
        'Clean' { Invoke-Clean }
    }
}
finally {
    Pop-Location
}
