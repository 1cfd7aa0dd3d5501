# What a PowerShell user sees: views, CSV and JSON, completion, -WhatIf, Invoke-FragmentRestMethod, packaging.
BeforeAll {
    Import-Module $env:FRAGMENTPS_MODULE_PATH -Force
    $script:emu = Start-FragmentEmulator
    Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0
    $script:marker = [guid]::NewGuid().ToString('N')
    $script:tasks = @(
        New-FragmentTask -Title 'Printer on fire' -Field @{ country = 'FR'; ticket_id = 'T-1'; marker = $marker }
        New-FragmentTask -Title 'VPN down' -Field @{ country = 'DE'; ticket_id = 'T-2'; marker = $marker }
    )
    $script:moduleDir = (Get-ChildItem $env:FRAGMENTPS_MODULE_PATH -Directory | Select-Object -First 1).FullName
    Import-Module (Join-Path $PSScriptRoot '../../build/ChildPwsh.psm1') -Force
    function script:Invoke-Child([string] $Command) {
        $exe = @(Get-PwshCommandLine)
        $rest = @($exe | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Command)
        & $exe[0] @rest 2>&1
    }
}

AfterAll {
    Disconnect-Fragment
    Stop-FragmentEmulator
}

Describe 'Output' {
    It 'exports one flat CSV row per task, each custom field in its own column' {
        $csv = Join-Path $TestDrive 'tasks.csv'
        Get-FragmentTask -Filter @{ marker = $marker } | Export-Csv $csv
        $text = Get-Content -Raw $csv
        $text | Should -Not -Match 'System\.Collections'
        $rows = Import-Csv $csv
        $rows.Count | Should -Be 2
        $rows[0].country | Should -Be 'FR'
        $rows[1].ticket_id | Should -Be 'T-2'
        $rows[0].Title | Should -Be 'Printer on fire'
        ($rows[0].Fields | ConvertFrom-Json).country | Should -Be 'FR'
    }

    It 'converts to clean JSON' {
        $json = Get-FragmentTask -Uid $tasks[0].Uid | ConvertTo-Json -Depth 5
        $json | Should -Not -Match 'System\.'
        $back = $json | ConvertFrom-Json
        $back.Uid | Should -Be $tasks[0].Uid.ToString()
        $back.Fields.country | Should -Be 'FR'
        $back.Status | Should -Be 'TODO'
    }

    It 'shows tidy default tables' {
        $table = Get-FragmentTask -Filter @{ marker = $marker } | Format-Table | Out-String
        $table | Should -Match 'Uid\s+Status\s+DueAt\s+Title'
        $table | Should -Match 'Printer on fire'
        (Get-FragmentSession | Format-Table | Out-String) | Should -Match 'Name\s+IsDefault\s+AccountName\s+BaseUri'
        (Get-FragmentComment -Uid (Add-FragmentComment -Uid $tasks[0].Uid -Content 'noted').TaskUid | Format-Table | Out-String) | Should -Match 'CreatedAt\s+TaskUid\s+Content'
    }

    It 'shows custom fields as properties that read and write the task''s fields' {
        $t = Get-FragmentTask -Uid $tasks[1].Uid
        $t.country | Should -Be 'DE'
        ($t | Get-Member -Name ticket_id).MemberType | Should -Be 'Property'
        ($t | Select-Object Uid, country).country | Should -Be 'DE'
        (Get-FragmentTask -Filter @{ marker = $marker } | Where-Object country -eq 'FR').Title | Should -Be 'Printer on fire'
        $t.country = 'AT'
        $t.Fields.country | Should -Be 'AT'
        $t.psobject.Properties.Name | Should -Contain 'marker'
        # A field named like a task property stays in Fields and does not hide the property.
        $t.Fields['status'] = 'not the status'
        $t.Status | Should -Be 'TODO'
        # Tasks built by hand, as Pester mocks do, work the same.
        $mock = [FragmentPS.FragmentTask]::new()
        $mock.Fields['country'] = 'NL'
        $mock.country | Should -Be 'NL'
        ($mock | ConvertTo-Csv -NoTypeInformation)[0] | Should -Match '"country"'
    }

    It 'keeps every API key reachable' {
        $t = Get-FragmentTask -Uid $tasks[0].Uid
        $t.AdditionalProperties.Keys | Should -Contain 'num_children'
        $t.AdditionalProperties.Keys | Should -Contain 'work_time_business'
    }
}

Describe 'Tab completion' {
    It 'completes -Status with the status values' {
        $r = TabExpansion2 -inputScript 'Get-FragmentTask -Status ' -cursorColumn 25
        $r.CompletionMatches.CompletionText | Sort-Object | Should -Be @('DONE', 'STARTED', 'TODO')
    }

    It 'completes -Filter and -Field with custom field names the session has seen' {
        $line = 'Get-FragmentTask -Filter cou'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain '@{country='
        $line = 'New-FragmentTask -Title x -Field tick'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain '@{ticket_id='
    }

    It 'completes -Uid with recently seen tasks, titles as tooltips' {
        $line = 'Set-FragmentTask -Uid '
        $matches = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $matches.CompletionText | Should -Contain $tasks[0].Uid.ToString()
        ($matches | Where-Object CompletionText -eq $tasks[0].Uid.ToString()).ToolTip | Should -Be 'Printer on fire'
        $line = 'Get-FragmentTask -Uid VPN'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be $tasks[1].Uid.ToString()
    }
}

Describe '-WhatIf' {
    It 'prints the exact method, URL and body, and never the token' {
        $token = [System.Net.NetworkCredential]::new('', $emu.Token).Password
        $log = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript $log | Out-Null
        try {
            New-FragmentTask -Title 'dry run' -Field @{ country = 'FR' } -Uid '00000000-0000-0000-0000-00000000abcd' -WhatIf
            Set-FragmentTask -Uid $tasks[0].Uid -Status DONE -WhatIf
            Add-FragmentComment -Uid $tasks[0].Uid -Content 'maybe' -WhatIf
            Remove-FragmentTask -Uid $tasks[0].Uid -WhatIf
            Invoke-FragmentRestMethod -Method POST -Path "/tasks/$($tasks[0].Uid)/comments" -Body @{ content = 'raw' } -WhatIf
        }
        finally { Stop-Transcript | Out-Null }
        $text = Get-Content -Raw $log
        $base = $emu.BaseUri.ToString().TrimEnd('/')
        $text | Should -Match ([regex]::Escape("POST $base/tasks {`"uid`":`"00000000-0000-0000-0000-00000000abcd`",`"fields`":{`"country`":`"FR`",`"title`":`"dry run`"}}"))
        $text | Should -Match ([regex]::Escape("PATCH $base/tasks/$($tasks[0].Uid) {`"status`":`"DONE`"}"))
        $text | Should -Match ([regex]::Escape("POST $base/tasks/$($tasks[0].Uid)/comments {`"content`":`"maybe`"}"))
        $text | Should -Match ([regex]::Escape("DELETE $base/tasks/$($tasks[0].Uid)"))
        $text | Should -Not -Match $token
        (Get-FragmentTask -Uid $tasks[0].Uid).Status | Should -Be 'TODO'
        (Get-FragmentComment -Uid $tasks[0].Uid).Content | Should -Not -Contain 'maybe'
    }
}

Describe 'Invoke-FragmentRestMethod' {
    It 'calls any path with the session and returns objects' {
        (Invoke-FragmentRestMethod -Path '/accounts/me').name | Should -Not -BeNullOrEmpty
        $c = Invoke-FragmentRestMethod -Method POST -Path "tasks/$($tasks[1].Uid)/comments" -Body @{ content = 'via raw call' }
        $c.content | Should -Be 'via raw call'
    }

    It 'streams every page with -All' {
        $items = Invoke-FragmentRestMethod -Path '/tasks' -Query @{ limit = 1; marker = $marker } -All
        @($items).Count | Should -Be 2
        $items.fields.marker | Select-Object -Unique | Should -Be $marker
    }

    It 'maps API errors like every other cmdlet' {
        Invoke-FragmentRestMethod -Path "/tasks/$([guid]::NewGuid())" -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentNotFound,FragmentPS.Commands.InvokeFragmentRestMethodCommand'
        Invoke-FragmentRestMethod -Method POST -Path '/tasks' -Body @{ fields = @{ country = 'FR' } } -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentInvalidArgument,FragmentPS.Commands.InvokeFragmentRestMethodCommand'
        $errs[0].Exception.Message | Should -Match 'fields\.title'
    }
}

Describe 'The module' {
    It 'has a valid manifest that exports exactly its cmdlets' {
        $m = Test-ModuleManifest (Join-Path $moduleDir 'FragmentPS.psd1')
        $m.ExportedCmdlets.Keys | Sort-Object | Should -Be ((Get-Command -Module FragmentPS).Name | Sort-Object)
    }

    It 'imports silently' {
        $out = Invoke-Child "Import-Module '$($env:FRAGMENTPS_MODULE_PATH)'"
        $out | Should -BeNullOrEmpty
    }

    It 'packages, publishes to a local repository, installs and runs by name' {
        $root = (Resolve-Path "$moduleDir/../../..").Path
        $pkgOut = Join-Path $TestDrive 'pkg'
        $null = New-Item -ItemType Directory $pkgOut
        $null = Invoke-Child "& '$root/build/New-FragmentPackage.ps1' -ModuleDir '$moduleDir' -OutDir '$pkgOut'"
        $nupkg = Get-ChildItem $pkgOut -Filter 'FragmentPS.*.nupkg'
        $nupkg.Name | Should -Be "FragmentPS.$((Test-ModuleManifest (Join-Path $moduleDir 'FragmentPS.psd1')).Version).nupkg"
        $feed = Join-Path $TestDrive 'feed'
        $install = Join-Path $TestDrive 'modules'
        $null = New-Item -ItemType Directory $feed, $install
        $script = @"
`$ErrorActionPreference = 'Stop'
`$repo = 'FragmentPSTest-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
Register-PSResourceRepository -Name `$repo -Uri '$feed' -Trusted
try {
    Publish-PSResource -NupkgPath '$($nupkg.FullName)' -Repository `$repo
    Save-PSResource -Name FragmentPS -Repository `$repo -Path '$install' -TrustRepository -SkipDependencyCheck
} finally { Unregister-PSResourceRepository -Name `$repo }
`$env:PSModulePath = '$install' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module FragmentPS
`$emu = Start-FragmentEmulator -Seed 3 -Connect
'count=' + (Get-FragmentTask).Count
'from=' + (Get-Module FragmentPS).ModuleBase
Stop-FragmentEmulator
"@
        $out = Invoke-Child $script
        $out | Should -Contain 'count=3'
        ($out | Where-Object { $_ -like 'from=*' }) | Should -BeLike "from=$install*"
    }
}
