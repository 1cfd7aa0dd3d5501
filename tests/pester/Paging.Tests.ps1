# Searches stream page after page: all results by default, paging parameters, every filter, cancellation.
BeforeAll {
    Import-Module $env:FRAGMENTPS_MODULE_PATH -Force
    Import-Module (Join-Path $PSScriptRoot 'Support/EmulatorAdmin.psm1') -Force
    $script:emu = Start-FragmentEmulator
    Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0
    function script:Get-Stat([string] $Method, [string] $Route) {
        $stats = Invoke-EmulatorAdmin $emu GET stats
        [int]($stats.routes | Where-Object { $_.method -eq $Method -and $_.route -eq $Route } | Measure-Object -Property count -Sum).Sum
    }
    function script:Reset-Emulator { Invoke-EmulatorAdmin $emu POST reset | Out-Null }
    function script:Add-Fault([hashtable[]] $Rules) {
        Invoke-EmulatorAdmin $emu POST faults @{ rules = $Rules } | Out-Null
    }
    # A PowerShell of its own, to watch streams and to stop it as Ctrl+C would.
    function script:New-Shell {
        $ps = [powershell]::Create()
        $null = $ps.AddScript('param($m, $u, $t) Import-Module $m; Connect-Fragment -BaseUri $u -Token $t -RequestsPerMinute 0').
            AddArgument($env:FRAGMENTPS_MODULE_PATH).AddArgument($emu.BaseUri).AddArgument($emu.Token)
        $ps.Invoke()
        $ps.Commands.Clear()
        $ps
    }
}

AfterAll {
    Disconnect-Fragment
    Stop-FragmentEmulator
}

Describe 'A search' {
    BeforeAll {
        Reset-Emulator
        Invoke-EmulatorAdmin $emu POST seed '{"count": 250}' | Out-Null
    }

    It 'returns every task across many pages by default' {
        $all = Get-FragmentTask -PageSize 10
        $all.Count | Should -Be 250
        ($all.Uid | Select-Object -Unique).Count | Should -Be 250
        (Get-FragmentTask).Count | Should -Be 250
    }

    It 'stops fetching at -First: one small page for -First 5' {
        $before = Get-Stat GET '/tasks'
        (Get-FragmentTask -First 5).Count | Should -Be 5
        (Get-Stat GET '/tasks') | Should -Be ($before + 1)
    }

    It 'stops fetching when Select-Object -First has enough' {
        $before = Get-Stat GET '/tasks'
        (Get-FragmentTask -PageSize 10 | Select-Object -First 5).Count | Should -Be 5
        (Get-Stat GET '/tasks') | Should -BeLessOrEqual ($before + 2)
    }

    It 'asks for no second page when only the first task is taken' {
        # The next page is requested once the first task of a page is out, so a consumer that stops at
        # the first task leaves no request behind (and none to cancel).
        $before = Get-Stat GET '/tasks'
        (Get-FragmentTask -PageSize 10 | Select-Object -First 1).Count | Should -Be 1
        (Get-Stat GET '/tasks') | Should -Be ($before + 1)
        # And once the first task is out, the next page is on its way: the second task waits (up to 10 s) for the
        # server to have seen that request, which it could not if the page were only asked for later.
        $before = Get-Stat GET '/tasks'
        $n = 0
        $got = Get-FragmentTask -PageSize 10 | ForEach-Object {
            if (++$n -eq 2) {
                $deadline = [datetime]::UtcNow.AddSeconds(10)
                while ((Get-Stat GET '/tasks') -lt $before + 2 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            }
            $_
        } | Select-Object -First 2
        $got.Count | Should -Be 2
        (Get-Stat GET '/tasks') | Should -Be ($before + 2)
    }

    It 'skips with -Skip and counts with -IncludeTotalCount' {
        $all = Get-FragmentTask -PageSize 50
        $page = Get-FragmentTask -PageSize 50 -Skip 240
        $page.Count | Should -Be 10
        $page.Uid | Should -Be ($all | Select-Object -Last 10).Uid
        (Get-FragmentTask -Skip 10 -First 3).Uid | Should -Be $all[10..12].Uid
        $withTotal = Get-FragmentTask -First 2 -IncludeTotalCount
        $withTotal[0].ToString() | Should -Match '250'
        $withTotal.Count | Should -Be 3
    }

    It 'shows progress over several pages' {
        $ps = New-Shell
        try {
            $null = $ps.AddScript('$ProgressPreference = "Continue"; Get-FragmentTask -PageSize 50 | Out-Null').Invoke()
            $ps.Streams.Progress.StatusDescription | Should -Contain 'Received 250 of 250 tasks'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Filters' {
    BeforeAll {
        Reset-Emulator
        $script:queue = [guid]::NewGuid(); $script:assignee = [guid]::NewGuid()
        $script:parent = New-FragmentTask -Title 'parent'
        $script:a = New-FragmentTask -Title 'a' -Field @{ country = 'FR'; tier = 1 } -Status TODO -QueueUid $queue -DueAt ([DateTimeOffset]::UtcNow.AddDays(1))
        Start-Sleep -Milliseconds 20
        $script:mid = [DateTimeOffset]::UtcNow
        Start-Sleep -Milliseconds 20
        $script:b = New-FragmentTask -Title 'b' -Field @{ country = 'DE'; tier = 2 } -Status STARTED -AssigneeUid $assignee -DueAt ([DateTimeOffset]::UtcNow.AddDays(3))
        $script:c = New-FragmentTask -Title 'c' -Field @{ country = 'ES' } -Status DONE -ParentUid $parent.Uid -DueAt ([DateTimeOffset]::UtcNow.AddDays(2))
        $null = Set-FragmentTask -Uid $c.Uid -Archived $true
    }

    It 'filters by status, one or several' {
        (Get-FragmentTask -Status STARTED).Title | Should -Be 'b'
        (Get-FragmentTask -Status STARTED, DONE).Title | Sort-Object | Should -Be @('b', 'c')
    }

    It 'filters by custom fields, with any of several values, numbers as text' {
        (Get-FragmentTask -Filter @{ country = 'FR' }).Title | Should -Be 'a'
        (Get-FragmentTask -Filter @{ country = 'FR', 'ES' }).Title | Sort-Object | Should -Be @('a', 'c')
        (Get-FragmentTask -Filter @{ tier = 2 }).Title | Should -Be 'b'
    }

    It 'filters by queue, assignee, parent and archived' {
        (Get-FragmentTask -QueueUid $queue).Title | Should -Be 'a'
        (Get-FragmentTask -AssigneeUid $assignee).Title | Should -Be 'b'
        (Get-FragmentTask -ParentUid $parent.Uid).Title | Should -Be 'c'
        (Get-FragmentTask -Archived $true).Title | Should -Be 'c'
        (Get-FragmentTask -Archived $false).Count | Should -Be 3
    }

    It 'filters by created, updated and due dates' {
        (Get-FragmentTask -CreatedBefore $mid).Title | Sort-Object | Should -Be @('a', 'parent')
        (Get-FragmentTask -CreatedAfter $mid).Title | Sort-Object | Should -Be @('b', 'c')
        (Get-FragmentTask -UpdatedAfter $c.UpdatedAt.AddMilliseconds(1)).Title | Should -Be 'c'
        (Get-FragmentTask -UpdatedBefore $mid).Title | Sort-Object | Should -Be @('a', 'parent')
        (Get-FragmentTask -DueAfter ([DateTimeOffset]::UtcNow.AddDays(1.5))).Title | Sort-Object | Should -Be @('b', 'c')
        (Get-FragmentTask -DueBefore ([DateTimeOffset]::UtcNow.AddDays(2.5)) -DueAfter ([DateTimeOffset]::UtcNow.AddDays(1.5))).Title | Should -Be 'c'
    }

    It 'sorts by created, updated or due date, either way' {
        (Get-FragmentTask -SortBy DueAt -Filter @{ country = 'FR', 'DE', 'ES' }).Title | Should -Be @('a', 'c', 'b')
        (Get-FragmentTask -SortBy DueAt -Descending -Filter @{ country = 'FR', 'DE', 'ES' }).Title | Should -Be @('b', 'c', 'a')
        (Get-FragmentTask -SortBy CreatedAt).Title | Should -Be @('parent', 'a', 'b', 'c')
        (Get-FragmentTask -SortBy UpdatedAt -Descending | Select-Object -First 1).Title | Should -Be 'c'
    }
}

Describe 'Paging while tasks change' {
    It 'never returns a task twice or skips one when tasks are created and changed between pages' {
        Reset-Emulator
        Invoke-EmulatorAdmin $emu POST seed '{"count": 120}' | Out-Null
        $original = (Get-FragmentTask).Uid
        $i = 0
        $seen = Get-FragmentTask -PageSize 10 | ForEach-Object {
            if ((++$i % 10) -eq 0) {
                $null = New-FragmentTask -Title "added while paging $i"
                $null = Set-FragmentTask -Uid $original[$i - 5] -Field @{ touched = $i }
            }
            $_.Uid
        }
        ($seen | Group-Object | Where-Object Count -gt 1) | Should -BeNullOrEmpty
        $original | Where-Object { $_ -notin $seen } | Should -BeNullOrEmpty
    }
}

Describe 'Cancellation' {
    It 'Ctrl+C stops a search whose page request takes seconds, within a second or so' {
        Reset-Emulator
        Invoke-EmulatorAdmin $emu POST seed '{"count": 30}' | Out-Null
        Add-Fault @(@{ method = 'GET'; route = '/tasks'; kind = 'latency'; latency_ms = 8000 })
        $ps = New-Shell
        try {
            $null = $ps.AddScript('Get-FragmentTask -PageSize 10')
            $async = $ps.BeginInvoke()
            Start-Sleep -Milliseconds 700
            $ps.InvocationStateInfo.State | Should -Be 'Running'
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 2
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally {
            $ps.Dispose()
            Invoke-EmulatorAdmin $emu DELETE faults | Out-Null
        }
    }
}
