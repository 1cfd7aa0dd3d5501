# The runbook testing kit against the BUILT module: the emulator's lifetime, its secrets, and the cmdlets that drive it.
BeforeAll {
    Import-Module $env:FRAGMENTPS_MODULE_PATH -Force
    Import-Module (Join-Path $PSScriptRoot '../../build/ChildPwsh.psm1') -Force
    $script:token = 'kit-token-' + [guid]::NewGuid().ToString('N')
    $script:secure = ConvertTo-SecureString $token -AsPlainText -Force
    $script:emu = Start-FragmentEmulator -Token $secure -Connect

    # A child pwsh in a session and process group of its own, which starts an emulator and prints its pid and base URI.
    function script:Start-ChildWithEmulator {
        $script = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('N')).ps1"
        @"
Import-Module '$env:FRAGMENTPS_MODULE_PATH'
`$e = Start-FragmentEmulator -Token (ConvertTo-SecureString '$token' -AsPlainText -Force)
"ready `$(`$e.ProcessId) `$(`$e.BaseUri)"
[Console]::Out.Flush()
# A .NET call that blocks: Ctrl+C cannot end it, so this pwsh outlives a SIGINT.
`$null = [Console]::In.ReadLine()
"@ | Set-Content $script
        $command = @(Get-PwshCommandLine)
        $info = [System.Diagnostics.ProcessStartInfo]::new('setsid')
        foreach ($arg in @($command) + @('-NoProfile', '-NonInteractive', '-File', $script)) { $info.ArgumentList.Add($arg) }
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        $child = [System.Diagnostics.Process]::Start($info)
        $line = $child.StandardOutput.ReadLine()
        while ($null -ne $line -and $line -notlike 'ready *') { $line = $child.StandardOutput.ReadLine() }
        $parts = "$line" -split ' '
        [pscustomobject]@{ Child = $child; EmulatorPid = [int]$parts[1]; BaseUri = $parts[2] }
    }
    function script:Test-Answers([string] $BaseUri) {
        try { $null = Invoke-RestMethod "$BaseUri/accounts/me" -Headers @{ Authorization = "Bearer $token" } -TimeoutSec 5; $true }
        catch { $false }
    }
    # Polls until the process is gone; the deadline is generous, as this checks that it ends, not how fast.
    function script:Wait-ProcessGone([int] $Id, [int] $Seconds = 15) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while ([DateTime]::UtcNow -lt $deadline) {
            if (-not (Get-Process -Id $Id -ErrorAction Ignore)) { return $true }
            Start-Sleep -Milliseconds 200
        }
        return $false
    }
}

AfterAll {
    $emu | Stop-FragmentEmulator
}

Describe 'The emulator''s lifetime' -Skip:$IsWindows {
    It 'ends by itself when the pwsh that started it is killed with SIGKILL' {
        $run = Start-ChildWithEmulator
        try {
            Test-Answers $run.BaseUri | Should -BeTrue
            Stop-Process -Id $run.Child.Id -Force          # SIGKILL: no handler of the child runs
            Wait-ProcessGone $run.EmulatorPid | Should -BeTrue
        }
        finally {
            if (Get-Process -Id $run.EmulatorPid -ErrorAction Ignore) { Stop-Process -Id $run.EmulatorPid -Force }
        }
    }

    It 'keeps answering after SIGINT (Ctrl+C) to the process group of the pwsh that started it' {
        $run = Start-ChildWithEmulator
        try {
            & /bin/kill -INT -- "-$($run.Child.Id)"
            Start-Sleep -Milliseconds 500
            $run.Child.HasExited | Should -BeFalse
            Test-Answers $run.BaseUri | Should -BeTrue
            $run.Child.StandardInput.WriteLine('done')
            $run.Child.StandardInput.Close()
            Wait-ProcessGone $run.EmulatorPid | Should -BeTrue
        }
        finally {
            if (-not $run.Child.HasExited) { $run.Child.Kill() }
            if (Get-Process -Id $run.EmulatorPid -ErrorAction Ignore) { Stop-Process -Id $run.EmulatorPid -Force }
        }
    }

    It 'says IsRunning False once stopped' {
        $other = Start-FragmentEmulator
        $other.IsRunning | Should -BeTrue
        $other | Stop-FragmentEmulator
        $other.IsRunning | Should -BeFalse
        Get-Process -Id $other.ProcessId -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    It 'refuses a busy port with one error naming it' {
        $busy = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $busy.Start()
        try {
            $port = $busy.LocalEndpoint.Port
            $err = { Start-FragmentEmulator -Port $port } | Should -Throw -ErrorId 'FragmentEmulatorPortInUse,FragmentPS.Commands.StartFragmentEmulatorCommand' -PassThru
            $err.Exception.Message | Should -Match "Port $port "
            @($err.Exception.Message -split "`n").Count | Should -Be 1
            $err.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        }
        finally { $busy.Stop() }
    }

    It 'takes -RequestsPerMinute and -Burst, and -RateLimit as their old name' {
        $limited = Start-FragmentEmulator -RateLimit 60 -Burst 1
        try {
            $s = Connect-Fragment -BaseUri $limited.BaseUri -Token $limited.Token -RequestsPerMinute 0 -MaximumRetryCount 0 -PassThru
            { 1..3 | ForEach-Object { Get-FragmentTask -Session $s -First 1 } } | Should -Throw -ErrorId 'FragmentRateLimited,*'
            (Get-Command Start-FragmentEmulator).Parameters['RequestsPerMinute'].Aliases | Should -Contain 'RateLimit'
        }
        finally { $limited | Stop-FragmentEmulator }
    }
}

Describe 'The emulator''s secrets' {
    It 'keeps the token off the emulator''s command line' -Skip:(-not $IsLinux) {
        $cmdline = (Get-Content "/proc/$($emu.ProcessId)/cmdline" -Raw) -replace "`0", ' '
        $cmdline | Should -Match 'FragmentPS.Emulator.dll'
        $cmdline | Should -Not -Match ([regex]::Escape($token))
        $cmdline | Should -Not -Match '--token|--admin-key'
    }

    It 'writes neither token nor admin key with Export-Clixml, and shows no key' {
        $file = Join-Path $TestDrive 'emulator.xml'
        $emu | Export-Clixml $file
        $xml = Get-Content $file -Raw
        $xml | Should -Match 'BaseUri'
        $xml | Should -Not -Match 'SecureString|Token'
        $key = $emu.GetType().GetProperty('Process', [Reflection.BindingFlags]'NonPublic, Instance').GetValue($emu).AdminKey
        $key | Should -Match '^[0-9a-f]{64}$'
        $xml | Should -Not -Match $key
        ($emu | Format-List * | Out-String) | Should -Not -Match $key
        ($emu | ConvertTo-Json -Depth 3) | Should -Not -Match $key
        $emu.PSObject.Properties.Name | Should -Not -Contain 'AdminKey'
    }

    It 'refuses admin calls without the key' {
        { Invoke-RestMethod -Method Post "$($emu.AdminUri)tokens" -ContentType 'application/json' -Body '{"add":["x"]}' } |
            Should -Throw '*401*'
    }
}

Describe 'The emulator cmdlets' {
    BeforeEach {
        # Tests that connect elsewhere move the default session; every test here starts on the file's emulator.
        Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0
        Reset-FragmentEmulator
    }

    It 'Reset-FragmentEmulator empties tasks, faults, journal and statistics' {
        $null = New-FragmentTask -Title 'gone soon'
        Set-FragmentEmulatorFault -Kind Latency -LatencyMs 1
        Reset-FragmentEmulator
        $stats = Get-FragmentEmulatorStatistic
        $stats.Tasks | Should -Be 0
        $stats.TotalRequests | Should -Be 0
        $stats.Faults | Should -BeNullOrEmpty
        Get-FragmentEmulatorRequest | Should -BeNullOrEmpty
    }

    It 'Add-FragmentEmulatorTask -Count adds 100,000 tasks without spending the rate limit' {
        $limited = Start-FragmentEmulator -RequestsPerMinute 60
        try {
            $limited | Add-FragmentEmulatorTask -Count 100000 -Field @{ team = 'billing' }
            $stats = $limited | Get-FragmentEmulatorStatistic
            $stats.Tasks | Should -Be 100000
            $stats.TotalRequests | Should -Be 0
        }
        finally { $limited | Stop-FragmentEmulator }
    }

    It 'Add-FragmentEmulatorTask adds the given objects with their server dates' {
        @(
            [pscustomobject]@{ Title = 'old'; ExternalId = 'fixture-1'; Status = 'DONE'; CreatedAt = '2024-01-02T03:04:05Z'; DoneAt = '2024-01-05T00:00:00Z'; Field = @{ country = 'FR' } }
            [pscustomobject]@{ Title = 'due'; DueAt = '2024-03-01T00:00:00Z'; UpdatedAt = '2024-02-02T00:00:00Z'; CreatedAt = '2024-02-01T00:00:00Z' }
        ) | Add-FragmentEmulatorTask
        $old = Get-FragmentTask -Filter @{ country = 'FR' }
        $old.Status | Should -Be 'DONE'
        $old.CreatedAt | Should -Be ([DateTimeOffset]'2024-01-02T03:04:05Z')
        $old.DoneAt | Should -Be ([DateTimeOffset]'2024-01-05T00:00:00Z')
        $due = Get-FragmentTask -Filter @{ title = 'due' }
        $due.DueAt | Should -Be ([DateTimeOffset]'2024-03-01T00:00:00Z')
        $due.UpdatedAt | Should -Be ([DateTimeOffset]'2024-02-02T00:00:00Z')
        (Get-FragmentEmulatorStatistic).CountOf('POST', '/tasks') | Should -Be 0
    }

    It 'Add-FragmentEmulatorTask writes one error for a bad object and adds the others' {
        @(
            [pscustomobject]@{ Title = 'fine' }
            [pscustomobject]@{ Title = '' }
            [pscustomobject]@{ Title = 'also fine' }
        ) | Add-FragmentEmulatorTask -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'FragmentEmptyTitle,*'
        (Get-FragmentEmulatorStatistic).Tasks | Should -Be 2
    }

    It 'Get-FragmentEmulatorRequest shows what was sent, filtered by method, path and time' {
        $task = New-FragmentTask -Title 'journal' -Field @{ country = 'DE' }
        $since = Get-Date
        Start-Sleep -Milliseconds 20
        $null = $task | Set-FragmentTask -Status DONE
        $null = Get-FragmentTask -Filter @{ country = 'DE' }
        $all = @(Get-FragmentEmulatorRequest)
        $all[-1].Method | Should -Be 'GET'
        @($all[-1].Query.Values) | Should -Contain 'DE'
        $later = @(Get-FragmentEmulatorRequest -Since $since)
        $later.Method | Should -Be 'PATCH', 'GET'
        $patch = Get-FragmentEmulatorRequest -Method patch -Path '/tasks/*'
        $patch.Path | Should -Be "/tasks/$($task.Uid)"
        $patch.Body.status | Should -Be 'DONE'
        $patch.Status | Should -Be 200
        $patch.Attempt | Should -Be 1
        Get-FragmentEmulatorRequest -Method DELETE | Should -BeNullOrEmpty
    }

    It 'Set-FragmentEmulatorFault injects a fault the client retries, which the journal shows as attempts' {
        $task = New-FragmentTask -Title 'flaky'
        Set-FragmentEmulatorFault -Kind Status -StatusCode 503 -RetryAfterSec 0 -Method GET -Route '/tasks/{uid}' -Count 1
        $s = Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0 -RetryIntervalSec 0.01 -PassThru
        (Get-FragmentTask -Uid $task.Uid -Session $s).Title | Should -Be 'flaky'
        $gets = @(Get-FragmentEmulatorRequest -Method GET -Path "/tasks/$($task.Uid)")
        $gets.Status | Should -Be 503, 200
        $gets.Attempt | Should -Be 1, 2
        $fault = (Get-FragmentEmulatorStatistic).Faults
        $fault.Fired | Should -Be 1
        Clear-FragmentEmulatorFault
        (Get-FragmentEmulatorStatistic).Faults | Should -BeNullOrEmpty
        $s | Disconnect-Fragment
    }

    It 'Set-FragmentEmulatorFault names what the emulator refused' {
        { Set-FragmentEmulatorFault -Kind Truncate -Route '/nowhere' } | Should -Throw -ErrorId 'FragmentEmulatorRefused,*'
    }

    It 'Get-FragmentEmulatorStatistic counts by method, route and status' {
        $null = New-FragmentTask -Title 'counted'
        $null = Get-FragmentTask -First 1
        $stats = Get-FragmentEmulatorStatistic
        $stats.Tasks | Should -Be 1
        $stats.CountOf('POST', '/tasks', 200) | Should -Be 1
        $stats.CountOf('GET', '/tasks') | Should -Be 1
    }

    It 'Set-FragmentEmulatorClock and Start-FragmentEmulator -Now set every server date' {
        $fixed = Start-FragmentEmulator -Now '2030-01-31T09:00:00Z'
        try {
            $s = Connect-Fragment -BaseUri $fixed.BaseUri -Token $fixed.Token -RequestsPerMinute 0 -PassThru
            $task = New-FragmentTask -Title 'then' -Session $s
            $task.CreatedAt.UtcDateTime.Date | Should -Be ([datetime]'2030-01-31')
            $task.DueAt.UtcDateTime.Date | Should -Be ([datetime]'2030-01-31')
            $now = $fixed | Set-FragmentEmulatorClock -Advance (New-TimeSpan -Days 8) -PassThru
            $now.UtcDateTime.Date | Should -Be ([datetime]'2030-02-08')
            $done = $task | Set-FragmentTask -Status DONE -PassThru -Session $s
            $done.DoneAt.UtcDateTime.Date | Should -Be ([datetime]'2030-02-08')
            $back = $fixed | Set-FragmentEmulatorClock -Now '2001-01-01T00:00:00Z' -PassThru
            $back.Year | Should -Be 2001
            $s | Disconnect-Fragment
        }
        finally { $fixed | Stop-FragmentEmulator }
    }

    It 'works on the -Connect emulator by default and says so when there is none' {
        $job = Start-ThreadJob -ScriptBlock { Import-Module $using:env:FRAGMENTPS_MODULE_PATH; Reset-FragmentEmulator -ErrorAction Stop; 'reset' }
        $job | Wait-Job | Receive-Job -ErrorAction Stop | Should -Be 'reset'
        $script = "Import-Module '$env:FRAGMENTPS_MODULE_PATH'; try { Get-FragmentEmulatorStatistic } catch { `$_.FullyQualifiedErrorId }"
        $command = @(Get-PwshCommandLine)
        $out = & $command[0] @($command | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script
        $out | Should -Be 'FragmentNoEmulator,FragmentPS.Commands.GetFragmentEmulatorStatisticCommand'
    }
}

Describe "The README's runbook test" {
    It 'passes as written, in a pwsh of its own (Import-Module by name, as after -Task Install)' {
        $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
        $section = ($readme -split '## Testing your own runbooks offline')[1]
        $code = [regex]::Match($section, '(?s)```powershell\r?\n(.*?)```').Groups[1].Value
        $code | Should -Match 'Start-FragmentEmulator'
        $runbooks = (Resolve-Path (Join-Path $PSScriptRoot '../../examples/runbooks')).Path
        $file = Join-Path $TestDrive 'Readme.Tests.ps1'
        Set-Content $file $code.Replace('./Close-OverdueTasks.ps1', "& '$runbooks/Close-OverdueTasks.ps1'")
        $script = "Import-Module '$((Get-Module Pester).Path)'; `$r = Invoke-Pester -Path '$file' -PassThru -Output None; `"`$(`$r.PassedCount) `$(`$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount)`""
        $modules = (Split-Path $env:FRAGMENTPS_MODULE_PATH) + [IO.Path]::PathSeparator + $env:PSModulePath
        $command = @(Get-PwshCommandLine)
        $saved = $env:PSModulePath
        try { $env:PSModulePath = $modules; $out = & $command[0] @($command | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script }
        finally { $env:PSModulePath = $saved }
        $out | Select-Object -Last 1 | Should -Be '2 0'
    }
}

Describe 'The template of about_FragmentPS_Testing' {
    BeforeEach { Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0 }

    It 'stops only its own emulator and gives the previous default session back' {
        $mine = Get-FragmentSession
        $ownEmulator = Start-FragmentEmulator -Connect             # BeforeAll
        (Get-FragmentSession).BaseUri | Should -Be $ownEmulator.BaseUri
        $ownEmulator | Stop-FragmentEmulator                       # AfterAll
        Get-FragmentSession | Should -Be $mine
        $emu.IsRunning | Should -BeTrue
        Get-FragmentTask -First 1 | Out-Null
    }

    It 'has a pass-through mock that writes each piped task once' {
        $tasks = 1..3 | ForEach-Object { $t = [FragmentPS.FragmentTask]::new(); $t.Uid = [guid]::NewGuid(); $t.Title = "mock $_"; $t }
        Mock Set-FragmentTask { $InputObject }
        $out = @($tasks | Set-FragmentTask -Status DONE -PassThru)
        $out | Should -HaveCount 3
        $out.Title | Should -Be 'mock 1', 'mock 2', 'mock 3'
    }
}

Describe 'build.ps1 -Task Install' -Skip:$IsWindows {
    It 'puts the module where Import-Module finds it by name, in -Parallel runspaces too' {
        $root = Resolve-Path (Join-Path $PSScriptRoot '../..')
        $data = Join-Path $TestDrive 'data'
        $command = @(Get-PwshCommandLine)
        $env:XDG_DATA_HOME, $saved = $data, $env:XDG_DATA_HOME
        try {
            & $command[0] @($command | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $root 'build.ps1') -Task Install -NoBuild | Out-Null
            $LASTEXITCODE | Should -Be 0
            Test-Path (Join-Path $data 'powershell/Modules/FragmentPS/*/FragmentPS.psd1') | Should -BeTrue
            $probe = "Import-Module FragmentPS; (Get-Module FragmentPS).ModuleBase; 1..2 | ForEach-Object -Parallel { [bool](Get-Command Get-FragmentTask -ErrorAction Ignore) }"
            $env:PSModulePath, $savedPath = $null, $env:PSModulePath
            try { $out = & $command[0] @($command | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $probe }
            finally { $env:PSModulePath = $savedPath }
            $out[0] | Should -BeLike "$data*"
            $out[1..2] | Should -Be $true, $true
        }
        finally { $env:XDG_DATA_HOME = $saved }
    }
}
