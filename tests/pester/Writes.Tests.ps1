# Writes that touch only what the user meant (issue 10): the right account, the right task, nothing overwritten.
# Two emulators stand for two accounts; faults come from the emulator's fault injection; a server that answers
# what the emulator never would is a scripted server on 127.0.0.1 (Support/ScriptedServer.psm1).
BeforeAll {
    Import-Module $env:FRAGMENTPS_MODULE_PATH -Force
    Import-Module (Join-Path $PSScriptRoot 'Support/EmulatorAdmin.psm1') -Force
    $script:emuA = Start-FragmentEmulator
    $script:emuB = Start-FragmentEmulator
    function script:Connect-Emulator($Emulator, [int] $MaximumRetryCount = 5, [securestring] $Token = $Emulator.Token) {
        Connect-Fragment -BaseUri $Emulator.BaseUri -Token $Token -RequestsPerMinute 0 -RetryIntervalSec 0.01 -MaximumRetryCount $MaximumRetryCount -PassThru
    }
    $script:sessionA = Connect-Emulator $emuA
    # The default session: B, the one connected last.
    $script:sessionB = Connect-Emulator $emuB

    function script:Invoke-Admin($Emulator, [string] $Method, [string] $Path, $Body) { Invoke-EmulatorAdmin $Emulator $Method $Path $Body }
    function script:Add-Fault($Emulator, [hashtable[]] $Rule) { $null = Invoke-Admin $Emulator Post faults @{ rules = @($Rule) } }
    function script:Get-Fault($Emulator) { (Invoke-Admin $Emulator Get faults).rules }
    function script:Clear-Fault { foreach ($e in $emuA, $emuB) { $null = Invoke-Admin $e Delete faults } }
    function script:Clear-Stat { foreach ($e in $emuA, $emuB) { $null = Invoke-Admin $e Delete stats } }
    # Requests an emulator counted for a method and route (and a status, when given).
    function script:Get-Stat($Emulator, [string] $Method, [string] $Route, [Nullable[int]] $Status) {
        $rows = (Invoke-Admin $Emulator Get stats).routes | Where-Object { $_.method -eq $Method -and $_.route -eq $Route -and ($null -eq $Status -or $_.status -eq $Status) }
        [int](($rows | Measure-Object -Property count -Sum).Sum)
    }
    function script:Get-Total($Emulator) { (Invoke-Admin $Emulator Get stats).total_requests }
    function script:Get-TaskCount($Emulator) { (Invoke-Admin $Emulator Get stats).tasks }
    # The task as the emulator holds it, read without the module.
    function script:Get-Stored($Emulator, [guid] $Uid) {
        $token = [System.Net.NetworkCredential]::new('', $Emulator.Token).Password
        try { Invoke-RestMethod "$($Emulator.BaseUri.ToString().TrimEnd('/'))/tasks/$Uid" -Headers @{ Authorization = "Bearer $token" } }
        catch { if ($_.Exception.Response.StatusCode -ne 404) { throw } }
    }
    # Connect-Fragment makes each new session the default: tests that connect one of their own restore B after.
    function script:Restore-Default { $script:sessionB = Connect-Emulator $emuB }
    # The same uid in both accounts, so a write in the wrong one shows.
    function script:New-TwinTask([string] $Title) {
        $uid = [guid]::NewGuid()
        $a = New-FragmentTask -Session $sessionA -Uid $uid -Title "$Title (A)"
        $null = New-FragmentTask -Session $sessionB -Uid $uid -Title "$Title (B)"
        $a
    }
}

AfterAll {
    Disconnect-Fragment -Session $sessionA
    Disconnect-Fragment
    Stop-FragmentEmulator -Emulator $emuA
    Stop-FragmentEmulator -Emulator $emuB
}

Describe 'A task or comment remembers its session' {
    AfterEach { Clear-Fault }

    It 'Remove-FragmentTask deletes a piped task in the account it came from, not in the default one' {
        $a = New-TwinTask 'remove twin'
        Get-FragmentTask -Session $sessionA -Uid $a.Uid | Remove-FragmentTask -Confirm:$false
        Get-Stored $emuA $a.Uid | Should -BeNullOrEmpty
        (Get-Stored $emuB $a.Uid).fields.title | Should -Be 'remove twin (B)'
    }

    It 'Set-FragmentTask changes a piped task in the account it came from, and -PassThru keeps the link' {
        $a = New-TwinTask 'set twin'
        $comment = Get-FragmentTask -Session $sessionA -Uid $a.Uid | Set-FragmentTask -Status DONE -PassThru | Add-FragmentComment -Content 'closed in A'
        (Get-Stored $emuA $a.Uid).status | Should -Be 'DONE'
        (Get-Stored $emuB $a.Uid).status | Should -Be 'TODO'
        $comment.TaskUid | Should -Be $a.Uid
        @(Get-FragmentComment -Session $sessionA -Uid $a.Uid).Content | Should -Be @('closed in A')
        @(Get-FragmentComment -Session $sessionB -Uid $a.Uid) | Should -BeNullOrEmpty
    }

    It 'Add-FragmentComment and comments piped on keep to the account they came from' {
        $a = New-TwinTask 'comment twin'
        $first = $a | Add-FragmentComment -Content 'first'
        $first | Set-FragmentTask -Status STARTED
        (Get-Stored $emuA $a.Uid).status | Should -Be 'STARTED'
        (Get-Stored $emuB $a.Uid).status | Should -Be 'TODO'
        @(Get-FragmentComment -Session $sessionB -Uid $a.Uid) | Should -BeNullOrEmpty
        (Get-FragmentComment -Session $sessionA -Uid $a.Uid | Remove-FragmentTask -Force -PassThru).Uid | Should -Be $a.Uid
        Get-Stored $emuA $a.Uid | Should -BeNullOrEmpty
        Get-Stored $emuB $a.Uid | Should -Not -BeNullOrEmpty
    }

    It 'refuses a piped object whose session is not -Session, naming both accounts, and sends nothing for it' -ForEach @(
        @{ Command = { param($t) $t | Set-FragmentTask -Session $sessionB -Status DONE -ErrorVariable e -ErrorAction SilentlyContinue; $e }; Name = 'SetFragmentTaskCommand' }
        @{ Command = { param($t) $t | Remove-FragmentTask -Session $sessionB -Force -ErrorVariable e -ErrorAction SilentlyContinue; $e }; Name = 'RemoveFragmentTaskCommand' }
        @{ Command = { param($t) $t | Add-FragmentComment -Session $sessionB -Content 'wrong' -ErrorVariable e -ErrorAction SilentlyContinue; $e }; Name = 'AddFragmentCommentCommand' }
        @{ Command = { param($t) $t | New-FragmentTask -Session $sessionB -ErrorVariable e -ErrorAction SilentlyContinue; $e }; Name = 'NewFragmentTaskCommand' }
    ) {
        $a = New-TwinTask 'mismatch'
        Clear-Stat
        $errs = @(& $Command $a)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "FragmentSessionMismatch,FragmentPS.Commands.$Name"
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].Exception.Message | Should -Match ([regex]::Escape($emuA.BaseUri.ToString()))
        $errs[0].Exception.Message | Should -Match ([regex]::Escape($emuB.BaseUri.ToString()))
        Get-Total $emuA | Should -Be 0
        Get-Total $emuB | Should -Be 0
        (Get-Stored $emuA $a.Uid).status | Should -Be 'TODO'
    }

    It 'takes -Session for its own session, and a hand-built task uses -Session or the default' {
        $a = New-TwinTask 'explicit'
        $a | Set-FragmentTask -Session $sessionA -Status STARTED
        (Get-Stored $emuA $a.Uid).status | Should -Be 'STARTED'
        $mock = [FragmentPS.FragmentTask]@{ Uid = $a.Uid }
        $mock | Set-FragmentTask -Status DONE
        (Get-Stored $emuB $a.Uid).status | Should -Be 'DONE'
        $mock | Set-FragmentTask -Session $sessionA -Status DONE
        (Get-Stored $emuA $a.Uid).status | Should -Be 'DONE'
    }

    It 'keeps the session link out of what PowerShell shows and serializes' {
        $a = New-TwinTask 'serialized'
        $t = Get-FragmentTask -Session $sessionA -Uid $a.Uid
        $c = $t | Add-FragmentComment -Content 'serialized'
        $t.psobject.Properties.Name | Should -Not -Contain 'Session'
        $c.psobject.Properties.Name | Should -Not -Contain 'Session'
        $base = [regex]::Escape($emuA.BaseUri.Authority)
        foreach ($o in $t, $c) {
            ($o | ConvertTo-Json -Depth 5) | Should -Not -Match $base
            ($o | ConvertTo-Csv) -join "`n" | Should -Not -Match $base
            ($o | Format-List * | Out-String) | Should -Not -Match $base
            $xml = Join-Path $TestDrive 'o.clixml'
            $o | Export-Clixml $xml
            Get-Content -Raw $xml | Should -Not -Match $base
        }
    }
}

Describe 'Set-FragmentTask changes only what was asked' {
    AfterEach { Clear-Fault }

    It 'writes only the status when rows of an old export are piped with -Status' {
        $t = New-FragmentTask -Title 'before the rename' -DueAt '2030-01-01T00:00:00Z'
        $csv = Join-Path $TestDrive 'export.csv'
        $t | Export-Csv $csv
        # A colleague renames the task and moves its due date after the export.
        $due = [DateTimeOffset]'2031-06-01T00:00:00Z'
        Set-FragmentTask -Uid $t.Uid -Title 'renamed by a colleague' -DueAt $due
        Import-Csv $csv | Set-FragmentTask -Status DONE
        $now = Get-FragmentTask -Uid $t.Uid
        $now.Status | Should -Be 'DONE'
        $now.Title | Should -Be 'renamed by a colleague'
        $now.DueAt | Should -Be $due
    }

    It 'takes the properties -InputProperty names from each row, and nothing else' {
        $tasks = 1..3 | ForEach-Object { New-FragmentTask -Title "old title $_" }
        $rows = foreach ($t in $tasks) { [pscustomobject]@{ Uid = $t.Uid; Title = "new $($t.Title)"; Status = 'DONE'; Url = '' } }
        Clear-Stat
        $out = $rows | Set-FragmentTask -InputProperty Title -PassThru
        $out.Title | Should -Be @('new old title 1', 'new old title 2', 'new old title 3')
        $out.Status | Select-Object -Unique | Should -Be 'TODO'
        Get-Stat $emuB PATCH '/tasks/batch' | Should -Be 1
    }

    It 'refuses a row that lacks a property -InputProperty names, and a property named both ways' {
        $t = New-FragmentTask -Title 'no such column'
        [pscustomobject]@{ Uid = $t.Uid } | Set-FragmentTask -InputProperty Title -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentInvalidInputProperty,FragmentPS.Commands.SetFragmentTaskCommand'
        { [pscustomobject]@{ Uid = $t.Uid; Title = 'x' } | Set-FragmentTask -InputProperty Title -Title 'y' } |
            Should -Throw -ErrorId 'FragmentInvalidInputProperty,FragmentPS.Commands.SetFragmentTaskCommand'
        (Get-FragmentTask -Uid $t.Uid).Title | Should -Be 'no such column'
    }
}

Describe 'Titles and urls' {
    AfterEach { Clear-Fault }

    It 'refuses to empty the title through -Field (<Value>)' -ForEach @(@{ Value = $null }, @{ Value = '' }, @{ Value = ' ' }) {
        $t = New-FragmentTask -Title 'keep my title'
        Clear-Stat
        Set-FragmentTask -Uid $t.Uid -Field @{ title = $Value } -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentEmptyTitle,FragmentPS.Commands.SetFragmentTaskCommand'
        Get-Total $emuB | Should -Be 0
        (Get-FragmentTask -Uid $t.Uid).Title | Should -Be 'keep my title'
    }

    It 'clears the url with -Url '''', and from an empty cell of a column named in -InputProperty' {
        $one = New-FragmentTask -Title 'with url' -Url 'https://example.com/1'
        $two = New-FragmentTask -Title 'with url too' -Url 'https://example.com/2'
        Set-FragmentTask -Uid $one.Uid -Url ''
        (Get-FragmentTask -Uid $one.Uid).Url | Should -BeNullOrEmpty
        [pscustomobject]@{ Uid = $two.Uid; Url = '' } | Set-FragmentTask -InputProperty Url
        (Get-FragmentTask -Uid $two.Uid).Url | Should -BeNullOrEmpty
        (Get-FragmentTask -Uid $two.Uid).Fields.Keys | Should -Contain 'url'
    }

    It 'does not send empty Url, DueAt, QueueUid or AssigneeEmail cells on create, as the help says' {
        $t = [pscustomobject]@{ Title = 'no url'; Url = ''; DueAt = ''; QueueUid = ''; AssigneeEmail = '' } | New-FragmentTask -WarningVariable warned
        # Empty cells of parameters are no unknown columns: no warning names them.
        $warned | Should -BeNullOrEmpty
        $stored = Get-Stored $emuB $t.Uid
        $stored.fields.psobject.Properties.Name | Should -Not -Contain 'url'
        $stored.queue_uid | Should -BeNullOrEmpty
        $stored.assignee | Should -BeNullOrEmpty
    }
}

Describe 'New-FragmentTask never overwrites' {
    AfterEach { Clear-Fault }

    It 'refuses a uid that holds another task with FragmentTaskExists, and changes nothing' {
        $t = New-FragmentTask -Title 'the original' -Field @{ owner = 'lea' }
        $out = New-FragmentTask -Uid $t.Uid -Title 'an impostor' -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentTaskExists,FragmentPS.Commands.NewFragmentTaskCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $errs[0].Exception.Message | Should -Match ([regex]::Escape("$($t.Uid)"))
        $errs[0].Exception.Message | Should -Match 'fields\.title'
        (Get-Stored $emuB $t.Uid).fields.title | Should -Be 'the original'
    }

    It 'answers a rerun of the same create with the stored task and no error' {
        $ext = 'rerun-' + [guid]::NewGuid()
        $first = New-FragmentTask -Title 'once' -ExternalId $ext -Field @{ n = 1 }
        Set-FragmentTask -Uid $first.Uid -Status DONE   # someone finished it meanwhile: not asked, so not a difference
        $again = New-FragmentTask -Title 'once' -ExternalId $ext -Field @{ n = 1 } -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -BeNullOrEmpty
        $again.Uid | Should -Be $first.Uid
        $again.Status | Should -Be 'DONE'
    }

    It 'overwrites with -Force (PUT)' {
        $t = New-FragmentTask -Title 'to be replaced'
        Clear-Stat
        (New-FragmentTask -Uid $t.Uid -Title 'replaced' -Force).Title | Should -Be 'replaced'
        Get-Stat $emuB PUT '/tasks/{uid}' 200 | Should -Be 1
    }

    It 'creates the other rows of a batch and refuses the one whose uid is taken' {
        $ext = 'taken-' + [guid]::NewGuid()
        $here = New-FragmentTask -Title 'already here' -ExternalId $ext
        $rows = @(
            [pscustomobject]@{ Title = 'fresh 1' }
            [pscustomobject]@{ Title = 'different'; ExternalId = $ext }
            [pscustomobject]@{ Title = 'fresh 2' }
        )
        $out = $rows | New-FragmentTask -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.Title | Should -Be @('fresh 1', 'fresh 2')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentTaskExists,FragmentPS.Commands.NewFragmentTaskCommand'
        $errs[0].TargetObject | Should -Be $rows[1]
        (Get-Stored $emuB $here.Uid).fields.title | Should -Be 'already here'
        (Get-Stored $emuB $here.Uid).updated_at | Should -Be $here.UpdatedAt
    }

    It 'reruns a 100-row import in 2 requests, answering every row with its task and changing nothing' {
        $marker = [guid]::NewGuid().ToString('N')
        $rows = 1..100 | ForEach-Object { [pscustomobject]@{ Title = "import $_"; ExternalId = "$marker-$_"; Field = @{ marker = $marker } } }
        $first = @($rows | New-FragmentTask)
        Clear-Stat
        $again = @($rows | New-FragmentTask -ErrorVariable errs -ErrorAction SilentlyContinue)
        $requests = Get-Total $emuB
        Write-Host "Rerun of a 100-row import: $requests requests (POST /tasks/batch $(Get-Stat $emuB POST '/tasks/batch'), PATCH /tasks/batch $(Get-Stat $emuB PATCH '/tasks/batch'))"
        $errs | Should -BeNullOrEmpty
        $again.Count | Should -Be 100
        $again.Uid | Should -Be $first.Uid
        $again.UpdatedAt | Should -Be $first.UpdatedAt
        $requests | Should -Be 2
    }
}

Describe 'Every write survives every fault the emulator injects' {
    AfterEach { Clear-Fault }

    BeforeDiscovery {
        $kinds = @(
            @{ Kind = 'drop_after'; Status = $null }
            @{ Kind = 'drop_before'; Status = $null }
            @{ Kind = 'truncate'; Status = $null }
            @{ Kind = 'status'; Status = 503 }
        )
        $writes = @('New single', 'New batch', 'New -Force single', 'New -Force batch', 'Set single', 'Set batch', 'Remove')
        $script:cases = foreach ($w in $writes) { foreach ($k in $kinds) { @{ Write = $w; Kind = $k.Kind; Status = $k.Status } } }
    }

    It '<Write> under <Kind> <Status>: one result per input, no error, the state asked for' -ForEach $cases {
        $marker = [guid]::NewGuid().ToString('N')
        $existing = @(1..3 | ForEach-Object { New-FragmentTask -Title "faulted $_" -Field @{ marker = $marker } })
        $route, $method = switch -Wildcard ($Write) {
            'New single' { '/tasks', 'POST' }
            'New batch' { '/tasks/batch', 'POST' }
            'New -Force single' { '/tasks/{uid}', 'PUT' }
            'New -Force batch' { '/tasks/batch', 'PUT' }
            'Set single' { '/tasks/{uid}', 'PATCH' }
            'Set batch' { '/tasks/batch', 'PATCH' }
            'Remove' { '/tasks/{uid}', 'DELETE' }
        }
        $rule = @{ method = $method; route = $route; kind = $Kind; sequence = @($true) }
        if ($Status) { $rule.status = $Status }
        Add-Fault $emuB $rule
        $before = Get-TaskCount $emuB
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ Title = "new $_"; Field = @{ marker = $marker; fresh = $true } } }
        $errs = $null
        switch ($Write) {
            'New single' { $out = @(New-FragmentTask -Title 'new 1' -Field @{ marker = $marker; fresh = $true } -ErrorVariable errs -ErrorAction SilentlyContinue); $expected = 1 }
            'New batch' { $out = @($rows | New-FragmentTask -ErrorVariable errs -ErrorAction SilentlyContinue); $expected = 3 }
            'New -Force single' { $out = @(New-FragmentTask -Uid $existing[0].Uid -Title 'forced' -Force -ErrorVariable errs -ErrorAction SilentlyContinue); $expected = 1 }
            'New -Force batch' { $out = @($existing | ForEach-Object { [pscustomobject]@{ Uid = $_.Uid; Title = 'forced' } } | New-FragmentTask -Force -ErrorVariable errs -ErrorAction SilentlyContinue); $expected = 3 }
            'Set single' { $out = @(Set-FragmentTask -Uid $existing[0].Uid -Status DONE -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue); $expected = 1 }
            'Set batch' { $out = @($existing | Set-FragmentTask -Status DONE -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue); $expected = 3 }
            'Remove' { $out = @($existing[0] | Remove-FragmentTask -Force -ErrorVariable errs -ErrorAction SilentlyContinue); $expected = 0 }
        }
        (Get-Fault $emuB)[0].fired | Should -Be 1 -Because "the $Kind fault is on the route the write goes through ($method $route)"
        @($errs | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) | Should -BeNullOrEmpty
        $out.Count | Should -Be $expected
        $held = @(Get-FragmentTask -Filter @{ marker = $marker })
        switch -Wildcard ($Write) {
            'New*single' { if ($Write -eq 'New single') { ($held | Where-Object { $_.Fields.fresh }).Count | Should -Be 1 } else { ($held | Where-Object Uid -EQ $existing[0].Uid).Title | Should -Be 'forced' } }
            'New batch' { @($held | Where-Object { $_.Fields.fresh }).Title | Sort-Object | Should -Be @('new 1', 'new 2', 'new 3') }
            'New -Force batch' { @($held.Title | Select-Object -Unique) | Should -Be 'forced' }
            'Set single' { ($held | Where-Object Uid -EQ $existing[0].Uid).Status | Should -Be 'DONE' }
            'Set batch' { @($held.Status | Select-Object -Unique) | Should -Be 'DONE' }
            'Remove' { $held.Uid | Should -Not -Contain $existing[0].Uid }
        }
        $made = switch -Wildcard ($Write) { 'New single' { 1 } 'New batch' { 3 } 'Remove' { -1 } default { 0 } }
        Get-TaskCount $emuB | Should -Be ($before + $made) -Because 'nothing was created twice, or left out'
    }
}

Describe 'Batches keep one object or one error per input' {
    AfterEach { Clear-Fault }

    It 'sends a 100-row batch with one unknown uid in 2 requests: 99 updated, one FragmentNotFound' {
        $marker = [guid]::NewGuid().ToString('N')
        $tasks = @(1..99 | ForEach-Object { [pscustomobject]@{ Title = "bulk $_"; Field = @{ marker = $marker } } } | New-FragmentTask)
        $ghost = [pscustomobject]@{ Uid = [guid]::NewGuid() }
        $rows = @($tasks[0..49]) + $ghost + @($tasks[50..98])
        Clear-Stat
        $out = @($rows | Set-FragmentTask -Status DONE -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue)
        $requests = Get-Stat $emuB PATCH '/tasks/batch'
        Write-Host "100-row Set-FragmentTask batch with one unknown uid: $requests requests (PATCH /tasks/batch), $(Get-Total $emuB) in all"
        $out.Count | Should -Be 99
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentNotFound,FragmentPS.Commands.SetFragmentTaskCommand'
        $errs[0].TargetObject | Should -Be $ghost
        $errs[0].Exception.Message | Should -Match ([regex]::Escape("$($ghost.Uid)"))
        $requests | Should -Be 2
        Get-Total $emuB | Should -Be 2
        @(Get-FragmentTask -Filter @{ marker = $marker } -Status DONE).Count | Should -Be 99
    }

    It 'creates a 100-row batch with one invalid row in 2 requests: 99 created, one FragmentInvalidArgument' {
        $marker = [guid]::NewGuid().ToString('N')
        $rows = @(1..100 | ForEach-Object { [pscustomobject]@{ Title = "row $_"; Field = @{ marker = $marker } } })
        $rows[41] | Add-Member AssigneeEmail 'not an address'
        Clear-Stat
        $out = @($rows | New-FragmentTask -ErrorVariable errs -ErrorAction SilentlyContinue)
        $requests = Get-Total $emuB
        Write-Host "100-row New-FragmentTask batch with one invalid row: $requests requests (POST /tasks/batch $(Get-Stat $emuB POST '/tasks/batch'))"
        $out.Count | Should -Be 99
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentInvalidArgument,FragmentPS.Commands.NewFragmentTaskCommand'
        $errs[0].TargetObject | Should -Be $rows[41]
        $errs[0].Exception.Message | Should -Match 'assignee_email'
        $requests | Should -Be 2
        @(Get-FragmentTask -Filter @{ marker = $marker }).Count | Should -Be 99
    }

    It 'ends with one terminating error when the token is revoked half way, saying how many inputs were sent' {
        $own = 'revoked-' + [guid]::NewGuid().ToString('N')
        $null = Invoke-Admin $emuB Post tokens @{ add = @($own) }
        $s = Connect-Emulator $emuB -Token (ConvertTo-SecureString $own -AsPlainText -Force)
        $marker = [guid]::NewGuid().ToString('N')
        try {
            $caught = $null
            try {
                1..250 | ForEach-Object {
                    if ($_ -eq 150) { $null = Invoke-Admin $emuB Post tokens @{ revoke = @($own) } }
                    [pscustomobject]@{ Title = "revoked $_"; Field = @{ marker = $marker } }
                } | New-FragmentTask -Session $s -ErrorVariable errs -ErrorAction SilentlyContinue | Out-Null
            }
            catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty
            $caught.FullyQualifiedErrorId | Should -Be 'FragmentAuthenticationFailed,FragmentPS.Commands.NewFragmentTaskCommand'
            $caught.Exception.Message | Should -Match '100 inputs were sent and answered \(100 written'
            $caught.Exception.Message | Should -Match '100 were not written'
            @($errs).Count | Should -Be 1 -Because 'one error for the whole command, not one per row'
            @(Get-FragmentTask -Session $sessionB -Filter @{ marker = $marker }).Count | Should -Be 100
        }
        finally { Disconnect-Fragment -Session $s; Restore-Default }
    }

    It 'ends with one terminating error when the transport gives up' {
        $s = Connect-Emulator $emuB -MaximumRetryCount 1
        try {
            $tasks = @(1..5 | ForEach-Object { New-FragmentTask -Session $s -Title "give up $_" })
            Add-Fault $emuB @{ method = 'PATCH'; route = '/tasks/batch'; kind = 'status'; status = 503 }
            $caught = $null
            try { $tasks | Set-FragmentTask -Status DONE -ErrorVariable errs -ErrorAction SilentlyContinue }
            catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -Be 'FragmentServerError,FragmentPS.Commands.SetFragmentTaskCommand'
            $caught.Exception.Message | Should -Match '0 inputs were sent and answered.*5 were not written'
            @($errs).Count | Should -Be 1
        }
        finally { Disconnect-Fragment -Session $s; Restore-Default }
    }
}

Describe 'Answers the emulator never gives' {
    AfterEach { Clear-Fault }

    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'Support/ScriptedServer.psm1') -Force
        # A fake API on loopback: /accounts/me answers, and every batch is answered as $Mode says.
        function script:Start-FakeApi([string] $Mode) {
            $me = @{ Status = 200; Body = '{"uid":"6f1c1c4e-0000-4000-8000-000000000001","name":"Fake","created_at":"2025-01-01T00:00:00.000Z","updated_at":"2025-01-01T00:00:00.000Z"}' }
            $batch = if ($Mode -eq 'forbidden') { @{ Status = 403; Body = '{"detail":"This account may not write tasks"}' } }
            else {
                # Answers every item but the first.
                @{ Status = 200; Script = {
                        $items = @(($args[0] | ConvertFrom-Json).items | Select-Object -Skip 1 | ForEach-Object {
                                @{ uid = $_.uid; status = 'TODO'; archived = $false; fields = $_.fields; created_at = '2025-01-01T00:00:00.000Z'; updated_at = '2025-01-01T00:00:00.000Z'; due_at = '2025-01-01T00:00:00.000Z' }
                            })
                        @{ items = $items } | ConvertTo-Json -Depth 6 -Compress
                    }.ToString() }
            }
            Start-ScriptedServer -Answers @{ 'GET /api/v1/accounts/me' = $me; 'POST /api/v1/tasks/batch' = $batch; 'PATCH /api/v1/tasks/batch' = $batch }
        }
        function script:Stop-FakeApi($Fake) { $Fake | Stop-ScriptedServer }
        $script:fakeToken = ConvertTo-SecureString 'fake-token' -AsPlainText -Force
    }

    It 'gives an input missing from a 200 answer FragmentOutcomeUnknown' {
        $fake = Start-FakeApi 'skip-first'
        try {
            $s = Connect-Fragment -BaseUri $fake.BaseUri -Token $fakeToken -RequestsPerMinute 0 -MaximumRetryCount 0 -PassThru
            $rows = 1..3 | ForEach-Object { [pscustomobject]@{ Title = "answered? $_" } }
            $out = @($rows | New-FragmentTask -Session $s -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.Title | Should -Be @('answered? 2', 'answered? 3')
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentOutcomeUnknown,FragmentPS.Commands.NewFragmentTaskCommand'
            $errs[0].TargetObject | Should -Be $rows[0]
        }
        finally { Stop-FakeApi $fake; Restore-Default }
    }

    It 'ends with one terminating error for a 403 on the account' {
        $fake = Start-FakeApi 'forbidden'
        try {
            $s = Connect-Fragment -BaseUri $fake.BaseUri -Token $fakeToken -RequestsPerMinute 0 -MaximumRetryCount 0 -PassThru
            $caught = $null
            try { 1..5 | ForEach-Object { [pscustomobject]@{ Uid = [guid]::NewGuid() } } | Set-FragmentTask -Session $s -Status DONE -ErrorVariable errs -ErrorAction SilentlyContinue }
            catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -Be 'FragmentPermissionDenied,FragmentPS.Commands.SetFragmentTaskCommand'
            $caught.Exception.Message | Should -Match '5 were not written'
            @($errs).Count | Should -Be 1
        }
        finally { Stop-FakeApi $fake; Restore-Default }
    }
}

Describe 'Remove-FragmentTask' {
    AfterEach { Clear-Fault }

    It 'counts a DELETE whose retry finds the task gone after a lost answer as removed' {
        $t = New-FragmentTask -Title 'lost answer'
        Add-Fault $emuB @{ method = 'DELETE'; route = '/tasks/{uid}'; kind = 'drop_after'; sequence = @($true) }
        Remove-FragmentTask -Uid $t.Uid -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -BeNullOrEmpty
        Get-Stored $emuB $t.Uid | Should -BeNullOrEmpty
    }

    It 'still reports a task that was never there' {
        Remove-FragmentTask -Uid ([guid]::NewGuid()) -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentNotFound,FragmentPS.Commands.RemoveFragmentTaskCommand'
    }

    It 'deletes without asking with -Force, and -Force -WhatIf deletes nothing' {
        $t = New-FragmentTask -Title 'forced delete'
        Remove-FragmentTask -Uid $t.Uid -Force -WhatIf
        Get-Stored $emuB $t.Uid | Should -Not -BeNullOrEmpty
        # The suite runs non-interactive: a prompt would fail the call.
        Remove-FragmentTask -Uid $t.Uid -Force
        Get-Stored $emuB $t.Uid | Should -BeNullOrEmpty
    }
}
