# Tests the runbook offline against the bundled emulator (Pester 5 or 6; FragmentPS installed or on PSModulePath).
BeforeAll {
    Import-Module FragmentPS
    # Its own emulator, made the default session (the one before comes back when it stops).
    $script:emulator = Start-FragmentEmulator -Connect
    $script:runbook = Join-Path $PSScriptRoot 'Sync-TicketsFromCsv.ps1'
    $script:csv = Join-Path $TestDrive 'tickets.csv'
    @'
ticket_id,title,url,country
T-100,Printer on fire,https://tickets.example.com/T-100,FR
T-101,VPN down,https://tickets.example.com/T-101,DE
T-102,Badge expired,,FR
'@ | Set-Content $csv
}

AfterAll {
    $emulator | Stop-FragmentEmulator
}

Describe 'Sync-TicketsFromCsv' {
    It 'creates one task per ticket, with its fields' {
        $tasks = & $runbook -Path $csv
        $tasks.Count | Should -Be 3
        $printer = Get-FragmentTask -Filter @{ ticket_id = 'T-100' }
        $printer.Title | Should -Be 'Printer on fire'
        $printer.Url | Should -Be 'https://tickets.example.com/T-100'
        $printer.Fields.country | Should -Be 'FR'
        (Get-FragmentTask -Filter @{ country = 'FR' }).Count | Should -Be 2
    }

    It 'is idempotent: a second run updates the same tasks and creates none' {
        $first = (Get-FragmentEmulatorStatistic).Tasks
        (Get-Content $csv) -replace 'VPN down', 'VPN down again' | Set-Content $csv
        $null = & $runbook -Path $csv
        (Get-FragmentEmulatorStatistic).Tasks | Should -Be $first
        (Get-FragmentTask -Filter @{ ticket_id = 'T-101' }).Title | Should -Be 'VPN down again'
    }

    It 'changes nothing with -WhatIf' {
        Reset-FragmentEmulator
        & $runbook -Path $csv -WhatIf
        (Get-FragmentEmulatorStatistic).Tasks | Should -Be 0
        Get-FragmentEmulatorRequest -Method POST, PUT, PATCH | Should -BeNullOrEmpty
    }
}
