# The account's rate limit, from the outside:
#  1. One budget per token: sessions with -RequestsPerMinute 0 coming and going never split it, and processes
#     of the same user share it through a state file that a killed or hung process never locks up, and that
#     falls back to a budget of the process's own (with a -Verbose note) where it can't be written.
#  2. A 429 costs time, never a write: 429s are retried past -MaximumRetryCount until -MaximumRetryTimeSec is
#     spent, and only then is the input FragmentRateLimited.
#  3. Retry-After values no sane server sends (tests/Fixtures/HostileServer.cs on 127.0.0.1) end as
#     FragmentRateLimited, never as a raw .NET exception, even in Connect-Fragment.
BeforeAll {
    Import-Module $env:FRAGMENTPS_MODULE_PATH -Force
    Import-Module (Join-Path $PSScriptRoot '../../build/ChildPwsh.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Support/EmulatorAdmin.psm1') -Force
    $script:modulePath = $env:FRAGMENTPS_MODULE_PATH

    function script:Get-Stats($Emulator) { Invoke-EmulatorAdmin $Emulator GET stats }
    function script:Add-Fault($Emulator, [hashtable[]] $Rule) {
        $body = @{ rules = @($Rule) } | ConvertTo-Json -Depth 6
        $null = Invoke-EmulatorAdmin $Emulator POST faults $body
    }
    function script:Get-Messages($Records, [string] $Like) {
        @($Records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like $Like } | ForEach-Object Message)
    }
    function script:Get-PlainToken($Emulator) { [System.Net.NetworkCredential]::new('', $Emulator.Token).Password }

    # A child pwsh running $Command with its standard output read line by line (the token, if any, goes in
    # its environment, never on its command line).
    function script:Start-Child([string] $Command) {
        $cmd = @(Get-PwshCommandLine)
        $info = [System.Diagnostics.ProcessStartInfo]::new($cmd[0])
        foreach ($a in @($cmd | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Command)) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        [System.Diagnostics.Process]::Start($info)
    }

    # The shared state goes to a folder of the test's own: $XDG_RUNTIME_DIR on Unix, the temp folder on Windows.
    $script:savedRuntime = $env:XDG_RUNTIME_DIR
    $script:savedTmp = $env:TMP
    function script:Use-StateFolder([string] $Path) {
        $env:XDG_RUNTIME_DIR = $Path
        if ($IsWindows) { $env:TMP = $Path }
    }
    function script:Get-StateFile([string] $Folder) {
        @(Get-ChildItem -Path $Folder -Recurse -Filter 'ratelimit-*.json' -File | ForEach-Object FullName)
    }
}

AfterAll {
    $env:XDG_RUNTIME_DIR = $savedRuntime
    $env:TMP = $savedTmp
    Disconnect-Fragment
    Stop-FragmentEmulator
}

Describe 'One budget per token' {
    It 'is not split by a session with -RequestsPerMinute 0 that comes in between' {
        # The server allows 600 a minute with bursts of 5, each session keeps to 500 (slack for a loaded
        # machine's timing): two budgets would send twice that.
        $limited = Start-FragmentEmulator -RequestsPerMinute 600 -Burst 5
        try {
            $connect = @{ BaseUri = $limited.BaseUri; Token = $limited.Token; PassThru = $true }
            $first = Connect-Fragment @connect -RequestsPerMinute 500 -Burst 5
            $null = Connect-Fragment @connect -RequestsPerMinute 0
            $second = Connect-Fragment @connect -RequestsPerMinute 500 -Burst 5
            $made = @(1..30 | ForEach-Object { New-FragmentTask -Session $(if ($_ % 2) { $first } else { $second }) -Title "split $_" })
            $made.Count | Should -Be 30
            (Get-Stats $limited).rate_limited | Should -Be 0 -Because 'both sessions draw from the one budget of the token'
        }
        finally { Stop-FragmentEmulator -Emulator $limited }
    }
}

Describe 'The budget shared by the processes of one user' {
    AfterEach {
        $env:XDG_RUNTIME_DIR = $savedRuntime
        $env:TMP = $savedTmp
        Remove-Item Env:FRAGMENT_TOKEN -ErrorAction Ignore
    }

    It 'is one budget for this process and another one on the same token' {
        # The server allows 60 a minute with bursts of 4; the clients keep to 50 with bursts of 4, so that the
        # timing of a loaded machine never makes a shared budget meet an empty server bucket. The other process
        # spends its burst and more, so a process with a budget of its own would still send into an empty one.
        Use-StateFolder (Join-Path $TestDrive 'shared')
        $limited = Start-FragmentEmulator -RequestsPerMinute 60 -Burst 4
        try {
            Connect-Fragment -BaseUri $limited.BaseUri -Token $limited.Token -RequestsPerMinute 50 -Burst 4
            $env:FRAGMENT_TOKEN = Get-PlainToken $limited
            $child = Start-Child "Import-Module '$modulePath'; Connect-Fragment -BaseUri '$($limited.BaseUri)' -RequestsPerMinute 50 -Burst 4; 1..5 | ForEach-Object { `$null = New-FragmentTask -Title `"other process `$_`" }; 'done'"
            Remove-Item Env:FRAGMENT_TOKEN
            $child.StandardOutput.ReadToEnd().Trim() | Should -Be 'done'
            $child.WaitForExit()
            $made = @(1..4 | ForEach-Object { New-FragmentTask -Title "this process $_" })
            $made.Count | Should -Be 4
            $stats = Get-Stats $limited
            $stats.rate_limited | Should -Be 0 -Because 'both processes draw from the one budget of the token'
            ($stats.routes | Where-Object { $_.method -eq 'POST' -and $_.route -eq '/tasks' } | Measure-Object -Property count -Sum).Sum | Should -Be 9
        }
        finally { Stop-FragmentEmulator -Emulator $limited }
    }

    It 'is never locked up by a process killed while it held the state file' {
        $folder = Join-Path $TestDrive 'killed'
        Use-StateFolder $folder
        $e = Start-FragmentEmulator
        try {
            Connect-Fragment -BaseUri $e.BaseUri -Token $e.Token
            $file = @(Get-StateFile $folder)
            $file.Count | Should -Be 1
            $holder = Start-Child "`$s = [System.IO.File]::Open('$($file[0])', 'Open', 'ReadWrite', 'None'); 'locked'; Start-Sleep -Seconds 300"
            $holder.StandardOutput.ReadLine() | Should -Be 'locked'
            $holder.Kill()
            $holder.WaitForExit()
            $records = @(New-FragmentTask -Title 'after a killed holder' -Verbose -ErrorVariable errs 4>&1)
            $errs | Should -BeNullOrEmpty
            @($records | Where-Object { $_ -is [FragmentPS.FragmentTask] }).Count | Should -Be 1
            Get-Messages $records '*keeps its own budget*' | Should -BeNullOrEmpty -Because 'the OS dropped the lock with its process'
        }
        finally { Stop-FragmentEmulator -Emulator $e }
    }

    It 'goes on alone, and says so, while another process holds the state file too long' {
        $folder = Join-Path $TestDrive 'hung'
        Use-StateFolder $folder
        $e = Start-FragmentEmulator
        $holder = $null
        try {
            Connect-Fragment -BaseUri $e.BaseUri -Token $e.Token
            $file = @(Get-StateFile $folder)
            $holder = Start-Child "`$s = [System.IO.File]::Open('$($file[0])', 'Open', 'ReadWrite', 'None'); 'locked'; Start-Sleep -Seconds 300"
            $holder.StandardOutput.ReadLine() | Should -Be 'locked'
            $records = @(New-FragmentTask -Title 'beside a hung holder' -Verbose -ErrorVariable errs 4>&1)
            $errs | Should -BeNullOrEmpty
            @($records | Where-Object { $_ -is [FragmentPS.FragmentTask] }).Count | Should -Be 1
            $note = @(Get-Messages $records '*keeps its own budget*')
            $note.Count | Should -Be 1
            $note[0] | Should -Match 'another process has held the shared rate limit state'
        }
        finally {
            if ($holder) { $holder.Kill(); $holder.WaitForExit() }
            Stop-FragmentEmulator -Emulator $e
        }
    }

    It 'keeps a budget of the process''s own, and says so, where the folder can''t be written' {
        $notAFolder = Join-Path $TestDrive 'a-file'
        Set-Content -Path $notAFolder -Value 'not a folder'
        Use-StateFolder (Join-Path $notAFolder 'runtime')
        $e = Start-FragmentEmulator
        try {
            $records = @(Connect-Fragment -BaseUri $e.BaseUri -Token $e.Token -Verbose 4>&1)
            $note = @(Get-Messages $records '*keeps its own budget*')
            $note.Count | Should -Be 1
            $note[0] | Should -Match "can't be written"
            @(New-FragmentTask -Title 'own budget').Count | Should -Be 1
        }
        finally { Stop-FragmentEmulator -Emulator $e }
    }
}

Describe 'A 429 costs time, not a write' {
    BeforeAll { $script:emu = Start-FragmentEmulator }
    AfterAll { Stop-FragmentEmulator -Emulator $emu }
    AfterEach { $null = Invoke-EmulatorAdmin $emu DELETE faults }

    It 'creates a task through more 429s than -MaximumRetryCount allows, and shows each wait' {
        Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0 -RetryIntervalSec 0.01 -MaximumRetryCount 1
        Add-Fault $emu @{ method = 'POST'; route = '/tasks'; kind = 'status'; status = 429; retry_after = 0; count = 6 }
        $records = @(New-FragmentTask -Title 'through six 429s' -Verbose -ErrorVariable errs 4>&1)
        $errs | Should -BeNullOrEmpty
        @($records | Where-Object { $_ -is [FragmentPS.FragmentTask] }).Title | Should -Be 'through six 429s'
        (Get-Messages $records 'Retrying POST*after 429*429s are retried for up to 300.0 s*').Count | Should -Be 6
    }

    It 'gives the input FragmentRateLimited, saying how long it tried, once -MaximumRetryTimeSec is spent' {
        Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0 -RetryIntervalSec 0.01 -MaximumRetryCount 1 -MaximumRetryTimeSec 1
        $task = New-FragmentTask -Title 'busy account'
        Add-Fault $emu @{ method = 'GET'; route = '/tasks/{uid}'; kind = 'status'; status = 429; retry_after = 0 }
        Get-FragmentTask -Uid $task.Uid -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentRateLimited,FragmentPS.Commands.GetFragmentTaskCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $errs[0].Exception.Attempts | Should -BeGreaterThan 2
        $errs[0].Exception.Message | Should -Match 'after \d+ attempts over \d+(\.\d)? m?s \(the retry time limit of 1\.0 s would be passed\)'
    }
}

Describe 'Retry-After values no sane server sends' {
    BeforeAll {
        if (-not ('FragmentPS.TestFixtures.HostileServer' -as [type])) {
            Add-Type -Path (Join-Path $PSScriptRoot '../Fixtures/HostileServer.cs')
        }
        $script:server = [FragmentPS.TestFixtures.HostileServer]::Start()
    }
    AfterAll { $server.Dispose() }

    It 'ends Connect-Fragment with FragmentRateLimited for a Retry-After of <_>' -ForEach @('retry-after-nan', 'retry-after-infinity', 'retry-after-huge', 'retry-after-negative', 'retry-after-far-date') {
        $token = ConvertTo-SecureString ('hostile-' + [guid]::NewGuid()) -AsPlainText -Force
        { Connect-Fragment -BaseUri $server.BaseUri($_) -Token $token -MaximumRetryTimeSec 1 -RetryIntervalSec 0.01 } |
            Should -Throw -ErrorId 'FragmentRateLimited,FragmentPS.Commands.ConnectFragmentCommand'
    }
}
