# Tests the runbook offline against the bundled emulator.
BeforeAll {
    if ($env:FRAGMENTPS_MODULE_PATH) { Import-Module $env:FRAGMENTPS_MODULE_PATH -Force } else { Import-Module FragmentPS }
    $script:emulator = Start-FragmentEmulator -Connect
    $script:runbook = Join-Path $PSScriptRoot 'Close-OverdueTasks.ps1'
}

AfterAll {
    Disconnect-Fragment
    $emulator | Stop-FragmentEmulator
}

Describe 'Close-OverdueTasks' {
    BeforeEach {
        Invoke-RestMethod -Method Post "$($emulator.AdminUri)reset" | Out-Null
        $now = [DateTimeOffset]::UtcNow
        $script:old = New-FragmentTask -Title 'long overdue' -DueAt $now.AddDays(-30) -Field @{ country = 'FR' }
        $script:oldDe = New-FragmentTask -Title 'overdue in DE' -DueAt $now.AddDays(-30) -Field @{ country = 'DE' }
        $script:recent = New-FragmentTask -Title 'just overdue' -DueAt $now.AddDays(-1) -Field @{ country = 'FR' }
        $script:doneAlready = New-FragmentTask -Title 'done long ago' -DueAt $now.AddDays(-30) -Status DONE
    }

    It 'closes only tasks overdue past the grace period, with a comment each' {
        $comments = & $runbook -GraceDays 7
        $comments.TaskUid | Sort-Object | Should -Be (@($old.Uid, $oldDe.Uid) | Sort-Object)
        (Get-FragmentTask -Uid $old.Uid).Status | Should -Be 'DONE'
        (Get-FragmentTask -Uid $recent.Uid).Status | Should -Be 'TODO'
        (Get-FragmentComment -Uid $old.Uid).Content | Should -Be 'Closed automatically: overdue for more than 7 days.'
        Get-FragmentComment -Uid $doneAlready.Uid | Should -BeNullOrEmpty
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
    }
}
