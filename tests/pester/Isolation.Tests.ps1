# FragmentPS beside another vendor's binary module that ships RestSharp 108 and Polly.Core 8.1 (the fixture
# tests/fixtures/VendorRest): each import order in a process of its own, both modules' commands run.
BeforeAll {
    $script:vendor = Join-Path ($env:FRAGMENTPS_FIXTURES_PATH ?? '') 'VendorRest/VendorRest.dll'
    if (-not (Test-Path $vendor)) { throw "No VendorRest fixture at '$vendor': run build.ps1 -Task Test, which lays it out." }
    Import-Module $env:FRAGMENTPS_MODULE_PATH -Force
    $script:emu = Start-FragmentEmulator
    Import-Module (Join-Path $PSScriptRoot '../../build/ChildPwsh.psm1') -Force

    # Runs a script in a fresh pwsh; the token travels in the environment, never on a command line.
    function script:Invoke-Child([string] $Script) {
        $path = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -Path $path -Value $Script
        $exe = @(Get-PwshCommandLine)
        $rest = @($exe | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $path,
            $env:FRAGMENTPS_MODULE_PATH, $vendor, $emu.BaseUri, "$($emu.AdminUri)health")
        $env:FRAGMENT_TOKEN = [System.Net.NetworkCredential]::new('', $emu.Token).Password
        try { $output = & $exe[0] @rest 2>&1 }
        finally { Remove-Item Env:FRAGMENT_TOKEN }
        $text = ($output | Out-String)
        if ($LASTEXITCODE -ne 0) { throw "The child pwsh failed ($LASTEXITCODE): $text" }
        $text | ConvertFrom-Json
    }

    $script:prelude = @'
param($ModulePath, $VendorPath, $BaseUri, $HealthUri)
$ErrorActionPreference = 'Stop'
function Get-LoadedLibrary {
    [AppDomain]::CurrentDomain.GetAssemblies() |
        Where-Object { $_.GetName().Name -in 'FragmentPS', 'FragmentPS.Core', 'RestSharp', 'Polly.Core' } |
        ForEach-Object { '{0} {1} {2}' -f $_.GetName().Name, $_.GetName().Version, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name } |
        Sort-Object
}
'@
}

AfterAll {
    Stop-FragmentEmulator
}

Describe 'FragmentPS beside a module that ships other RestSharp and Polly versions' {
    It 'runs both modules'' commands when <Order> is imported first' -ForEach @(
        @{ Order = 'VendorRest' }
        @{ Order = 'FragmentPS' }
    ) {
        $result = Invoke-Child ($prelude + @"

# Commands run in the order of import, so the first module's libraries load first.
`$useFragment = { Connect-Fragment -BaseUri `$BaseUri -RequestsPerMinute 0; New-FragmentTask -Title 'beside VendorRest' }
if ('$Order' -eq 'VendorRest') {
    Import-Module `$VendorPath; Import-Module `$ModulePath
    `$vendor = Invoke-VendorRequest `$HealthUri; `$created = & `$useFragment
}
else {
    Import-Module `$ModulePath; Import-Module `$VendorPath
    `$created = & `$useFragment; `$vendor = Invoke-VendorRequest `$HealthUri
}
[pscustomobject]@{
    Title = (Get-FragmentTask -Uid `$created.Uid).Title
    VendorStatus = `$vendor.StatusCode
    VendorRestSharp = `$vendor.RestSharpVersion
    Loaded = @(Get-LoadedLibrary)
} | ConvertTo-Json
"@)
        $result.Title | Should -Be 'beside VendorRest'
        $result.VendorStatus | Should -Be 200
        $result.VendorRestSharp | Should -Be '108.0.3.0'
        # Each module keeps its own RestSharp: the vendor's in the default context, FragmentPS's in its own.
        $result.Loaded | Should -Contain 'RestSharp 108.0.3.0 Default'
        @($result.Loaded -match '^RestSharp (?!108\.)\S+ FragmentPS$') | Should -HaveCount 1
        @($result.Loaded -match '^FragmentPS\.Core \S+ FragmentPS$') | Should -HaveCount 1
        @($result.Loaded -match '^FragmentPS \S+ Default$') | Should -HaveCount 1
    }
}

Describe 'Importing FragmentPS' {
    It 'loads only the cmdlet assembly, whose types users can name; Core, RestSharp and Polly wait for the first command' {
        $result = Invoke-Child ($prelude + @'

Import-Module $ModulePath
$atImport = @(Get-LoadedLibrary)
[pscustomobject]@{
    AtImport = $atImport
    TaskType = [FragmentPS.FragmentTask].FullName
    SortField = [string][FragmentPS.FragmentTaskSortField]::DueAt
} | ConvertTo-Json
'@)
        @($result.AtImport).Count | Should -Be 1
        $result.AtImport | Should -Match '^FragmentPS \S+ Default$'
        $result.TaskType | Should -Be 'FragmentPS.FragmentTask'
        $result.SortField | Should -Be 'DueAt'
    }
}
