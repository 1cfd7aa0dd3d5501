# Tests the runbook offline against the bundled emulator (Pester 5 or 6; FragmentPS installed or on PSModulePath).
BeforeAll {
    Import-Module FragmentPS
    # Its own emulator, made the default session (the one before comes back when it stops).
    $script:emulator = Start-FragmentEmulator -Connect
    $script:runbook = Join-Path $PSScriptRoot 'Close-OverdueTasks.ps1'
}

AfterAll {
    $emulator | Stop-FragmentEmulator
}

Describe 'Close-OverdueTasks' {
    BeforeEach {
        Reset-FragmentEmulator
        $now = [DateTimeOffset]::UtcNow
        $script:old = New-FragmentTask -Title 'long overdue' -DueAt $now.AddDays(-30) -Field @{ country = 'FR' }
        $script:oldDe = New-FragmentTask -Title 'overdue in DE' -DueAt $now.AddDays(-30) -Field @{ country = 'DE' }
        $script:recent = New-FragmentTask -Title 'just overdue' -DueAt $now.AddDays(-1) -Field @{ country = 'FR' }
        $script:doneAlready = New-FragmentTask -Title 'done long ago' -DueAt $now.AddDays(-30) -Status DONE
        # The journal's times are to the millisecond: what BeforeEach sent is older than $since.
        Start-Sleep -Milliseconds 20
        $script:since = Get-Date
    }

    It 'closes only tasks overdue past the grace period, with a comment each' {
        $comments = & $runbook -GraceDays 7
        $comments.TaskUid | Sort-Object | Should -Be (@($old.Uid, $oldDe.Uid) | Sort-Object)
        (Get-FragmentTask -Uid $old.Uid).Status | Should -Be 'DONE'
        (Get-FragmentTask -Uid $recent.Uid).Status | Should -Be 'TODO'
        (Get-FragmentComment -Uid $old.Uid).Content | Should -Be 'Closed automatically: overdue for more than 7 days.'
        Get-FragmentComment -Uid $doneAlready.Uid | Should -BeNullOrEmpty
    }

    It 'sends one update for the overdue tasks, and deletes nothing' {
        $null = & $runbook -GraceDays 7
        $updates = @(Get-FragmentEmulatorRequest -Method PATCH -Since $since)
        $updates | Should -HaveCount 1
        @($updates[0].Body.items.status) | Should -Be 'DONE', 'DONE'
        Get-FragmentEmulatorRequest -Method DELETE | Should -BeNullOrEmpty
    }

    It 'knows overdue by the due date, whatever the day the tasks were made' {
        # Fixtures that lived in Fragment for a while: created months ago, one of them closed since.
        Reset-FragmentEmulator
        $fixtures = @(
            [pscustomobject]@{ Title = 'from spring'; CreatedAt = '2024-04-01T08:00:00Z'; DueAt = '2024-04-15T08:00:00Z'; ExternalId = 'spring' }
            [pscustomobject]@{ Title = 'closed'; CreatedAt = '2024-04-01T08:00:00Z'; Status = 'DONE'; DoneAt = '2024-04-02T12:00:00Z' }
        )
        $fixtures | Add-FragmentEmulatorTask
        $comments = & $runbook -GraceDays 7
        $comments | Should -HaveCount 1
        (Get-FragmentTask -Filter @{ title = 'closed' }).DoneAt | Should -Be ([DateTimeOffset]'2024-04-02T12:00:00Z')
    }

    It 'limits itself to the countries given' {
        $null = & $runbook -GraceDays 7 -Country DE
        (Get-FragmentTask -Uid $oldDe.Uid).Status | Should -Be 'DONE'
        (Get-FragmentTask -Uid $old.Uid).Status | Should -Be 'TODO'
    }

    It 'changes nothing with -WhatIf' {
        & $runbook -GraceDays 7 -WhatIf
        (Get-FragmentTask -Status DONE).Count | Should -Be 1
        Get-FragmentComment -Uid $old.Uid | Should -BeNullOrEmpty
        Get-FragmentEmulatorRequest -Method PATCH, POST -Since $since | Should -BeNullOrEmpty
    }
}

Describe 'Close-OverdueTasks without an emulator' {
    It 'passes each overdue task on once, through a pass-through mock' {
        $tasks = 1..2 | ForEach-Object {
            $task = [FragmentPS.FragmentTask]::new()
            $task.Uid = [guid]::NewGuid(); $task.Title = "mocked $_"; $task.Status = 'TODO'
            $task
        }
        Mock Get-FragmentTask { $tasks }
        Mock Set-FragmentTask { $InputObject }
        Mock Add-FragmentComment { [pscustomobject]@{ TaskUid = $InputObject.Uid } }

        $comments = & $runbook -GraceDays 7

        @($comments.TaskUid) | Should -Be @($tasks.Uid)
    }
}
