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

Describe 'Cursors that never end' {
    It 'ends a search at a cursor seen before with FragmentPagingLoop, keeping the tasks already written' {
        $server.ResetCounters()
        Connect-Hostile 'repeating-cursor'
        $tasks = [System.Collections.Generic.List[object]]::new()
        $err = $null
        # -First 50 only so that a client without the check ends too (with 50 tasks and no error).
        try { Get-FragmentTask -First 50 | ForEach-Object { $tasks.Add($_) } } catch { $err = $_ }
        $tasks.Title | Should -Be @('Hostile 1', 'Hostile 2')
        $err.FullyQualifiedErrorId | Should -Be 'FragmentPagingLoop,FragmentPS.Commands.GetFragmentTaskCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidResult'
        $err.Exception.Message | Should -BeLike "*cursor 'again' a second time*stopped after writing 2 tasks*"
        @($server.Requests -like '*/repeating-cursor/api/v1/tasks*').Count | Should -Be 2
    }

    It 'ends Invoke-FragmentRestMethod -All the same way' {
        Connect-Hostile 'repeating-cursor'
        $items = [System.Collections.Generic.List[object]]::new()
        Invoke-FragmentRestMethod -Path '/tasks' -All -ErrorVariable errs -ErrorAction SilentlyContinue |
            Select-Object -First 50 | ForEach-Object { $items.Add($_) }
        $items.Count | Should -Be 2
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentPagingLoop,FragmentPS.Commands.InvokeFragmentRestMethodCommand'
    }

    It 'ends a search that asks for more pages than total_count allows' {
        Connect-Hostile 'endless-pages'
        $tasks = [System.Collections.Generic.List[object]]::new()
        $err = $null
        try { Get-FragmentTask -First 50 | ForEach-Object { $tasks.Add($_) } } catch { $err = $_ }
        # total_count is 3: three pages of one task, and one more that should have been the last.
        $tasks.Count | Should -Be 4
        $err.FullyQualifiedErrorId | Should -Be 'FragmentPagingLoop,FragmentPS.Commands.GetFragmentTaskCommand'
        $err.Exception.Message | Should -BeLike '*total_count of 3*'
    }
}

Describe 'Page metadata that is not a count' {
    It 'is read as unknown, and the search goes on' {
        Connect-Hostile 'odd-meta'
        $out = @(Get-FragmentTask -IncludeTotalCount -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        ($out | Where-Object { $_ -is [FragmentPS.FragmentTask] }).Title | Should -Be @('Hostile 1', 'Hostile 2')
        $total = $out | Where-Object { $_ -isnot [FragmentPS.FragmentTask] }
        $total.ToString() | Should -Be 'Unknown total count'
    }
}

Describe 'A task whose text is not valid UTF-8' {
    BeforeAll {
        Connect-Hostile 'bad-utf8'
        $script:uid = [FragmentPS.TestFixtures.HostileServer]::BadUtf8Uid
    }

    It 'reads as replacement characters, leaving good text alone' {
        $task = Get-FragmentTask -Uid $uid
        $task.Title | Should -Be "bad $([char]0xFFFD)$([char]0xFFFD) and $([char]0xFFFD)"
        $task.Fields['note'] | Should -Be "caf$([char]0xE9) $([char]::ConvertFromUtf32(0x1F600))"
    }

    It 'shows, converts, exports, filters and pipes on like any task' {
        $tasks = @(Get-FragmentTask)
        $tasks.Count | Should -Be 1
        { $tasks | Out-String } | Should -Not -Throw
        ($tasks | Format-List * | Out-String) | Should -BeLike '*bad*'
        ($tasks | ConvertTo-Json -Depth 4) | Should -BeLike '*bad*'
        $csv = Join-Path $TestDrive 'bad.csv'
        $tasks | Export-Csv $csv -NoTypeInformation
        (Import-Csv $csv).Uid | Should -Be $uid
        @($tasks | Where-Object { $_.Fields['title'] -like 'bad*' }).Count | Should -Be 1
        $set = @($tasks | Set-FragmentTask -Status DONE -PassThru -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $set.Uid | Should -Be $uid
    }
}

Describe 'The token, after every hostile answer' {
    It 'appears in no stream, error, transcript or Export-Clixml file' {
        $secret = [guid]::NewGuid().ToString('N')
        $secure = ConvertTo-SecureString $secret -AsPlainText -Force
        $scenarios = @('huge', 'huge-declared', 'gzip-bomb', 'many-items', 'normal', 'repeating-cursor', 'endless-pages', 'odd-meta', 'bad-utf8', 'gzip-page') +
            @([FragmentPS.TestFixtures.HostileServer]::RetryAfterScenarios.Keys)
        $transcript = Join-Path $TestDrive 'hostile-transcript.txt'
        $Error.Clear()
        Start-Transcript -Path $transcript | Out-Null
        try {
            $streams = foreach ($scenario in $scenarios) {
                & {
                    $VerbosePreference = 'Continue'
                    $DebugPreference = 'Continue'
                    try {
                        Connect-Fragment -BaseUri $server.BaseUri($scenario) -Token $secure -RequestsPerMinute 0 -RetryIntervalSec 0.01 -MaximumRetryTimeSec 1 -PassThru |
                            Format-List * | Out-String
                        Get-FragmentTask -First 5 -ErrorAction Continue | Format-List * | Out-String
                        Get-FragmentTask -Uid ([guid]::NewGuid()) -ErrorAction Continue | Out-String
                        Invoke-FragmentRestMethod /tasks -All -ErrorAction Continue | Select-Object -First 5 | Out-String
                    }
                    catch { $_ | Format-List * -Force | Out-String }
                } *>&1 | Out-String
            }
        }
        finally { Stop-Transcript | Out-Null }
        $xml = Join-Path $TestDrive 'hostile-errors.xml'
        $Error | Export-Clixml -Path $xml -Depth 5
        $details = $Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }
        $Error.Count | Should -BeGreaterOrEqual 10 -Because "the hostile answers end in errors, which must be searched too"
        $all = (@($streams) + @($details) + (Get-Content -Raw $transcript) + (Get-Content -Raw $xml)) -join "`n"
        $all | Should -Match 'Bearer \[redacted\]|FragmentPagingLoop'
        $all | Should -Not -Match $secret.Substring(0, 8)
    }
}
