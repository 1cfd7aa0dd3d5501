# Answers no real server should send, from a misbehaving server of our own on 127.0.0.1
# (tests/Fixtures/HostileServer.cs): too large to hold, gzip bombs, pages with more items than asked for.
BeforeAll {
    Import-Module $env:FRAGMENTPS_MODULE_PATH -Force
    if (-not ('FragmentPS.TestFixtures.HostileServer' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot '../Fixtures/HostileServer.cs')
    }
    $script:server = [FragmentPS.TestFixtures.HostileServer]::Start()
    $script:token = ConvertTo-SecureString 'hostile-token' -AsPlainText -Force
    function script:Connect-Hostile([string] $Scenario, [hashtable] $Options = @{}) {
        Connect-Fragment -BaseUri $server.BaseUri($Scenario) -Token $token -RequestsPerMinute 0 -RetryIntervalSec 0.01 @Options
    }
}

AfterAll {
    Disconnect-Fragment -ErrorAction Ignore
    $server.Dispose()
}

Describe 'An answer larger than the response size limit' {
    It 'ends a search with FragmentResponseTooLarge, naming the limit and the fix' {
        Connect-Hostile 'huge'
        $err = $null
        try { $null = Get-FragmentTask -First 5 } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'FragmentResponseTooLarge,FragmentPS.Commands.GetFragmentTaskCommand'
        $err.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $err.Exception.Message | Should -BeLike '*32 MB*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*-MaximumResponseSizeMB*'
    }

    It 'is counted after decompression: a gzip bomb fails the same way' {
        Connect-Hostile 'gzip-bomb'
        { Get-FragmentTask -First 5 } | Should -Throw -ErrorId 'FragmentResponseTooLarge,FragmentPS.Commands.GetFragmentTaskCommand'
    }

    It 'is set with Connect-Fragment -MaximumResponseSizeMB, for every call of the session' {
        Connect-Hostile 'huge' @{ MaximumResponseSizeMB = 1 }
        (Get-FragmentSession).MaximumResponseSizeMB | Should -Be 1
        $null = Invoke-FragmentRestMethod -Path /tasks -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentResponseTooLarge,FragmentPS.Commands.InvokeFragmentRestMethodCommand'
        $errs[0].Exception.Message | Should -BeLike '*1 MB*'
    }

    It 'is refused out of range at Connect-Fragment' {
        { Connect-Hostile 'normal' @{ MaximumResponseSizeMB = 0 } } | Should -Throw -ErrorId 'ParameterArgumentValidationError,FragmentPS.Commands.ConnectFragmentCommand'
    }
}

Describe 'A page with more items than asked for' {
    It 'is refused with FragmentInvalidResponse, before any of its tasks is written' {
        Connect-Hostile 'many-items'
        $tasks = [System.Collections.Generic.List[object]]::new()
        $err = $null
        try { Get-FragmentTask -First 5 | ForEach-Object { $tasks.Add($_) } } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'FragmentInvalidResponse,FragmentPS.Commands.GetFragmentTaskCommand'
        $err.Exception.Message | Should -BeLike '*more than the 5 items*'
        $tasks.Count | Should -Be 0
    }

    It 'is not asked for again' {
        $server.ResetCounters()
        Connect-Hostile 'many-items'
        { Get-FragmentTask -PageSize 20 } | Should -Throw -ErrorId 'FragmentInvalidResponse,FragmentPS.Commands.GetFragmentTaskCommand'
        @($server.Requests -like '*/many-items/api/v1/tasks*').Count | Should -Be 1
    }
}

Describe 'An answer within the limits' {
    It 'is read as usual' {
        Connect-Hostile 'normal' @{ MaximumResponseSizeMB = 1 }
        (Get-FragmentTask).Title | Should -Be @('Hostile 1', 'Hostile 2', 'Hostile 3')
    }
}
