# The built module against a running emulator: every cmdlet, the quickstart pipelines, errors, -WhatIf.
BeforeAll {
    Import-Module $env:FRAGMENTPS_MODULE_PATH -Force
    Import-Module (Join-Path $PSScriptRoot 'Support/EmulatorAdmin.psm1') -Force
    $script:emu = Start-FragmentEmulator
    $script:token = [System.Net.NetworkCredential]::new('', $emu.Token).Password
    $script:session = Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0 -PassThru
    function script:Get-Stat([string] $Method, [string] $Route) {
        $stats = Invoke-EmulatorAdmin $emu GET stats
        ($stats.routes | Where-Object { $_.method -eq $Method -and $_.route -eq $Route } | Measure-Object -Property count -Sum).Sum
    }
    function script:Get-TaskCount { (Invoke-EmulatorAdmin $emu GET stats).tasks }
}

AfterAll {
    Disconnect-Fragment
    Stop-FragmentEmulator
}

Describe 'Connect-Fragment' {
    It 'verifies the token and returns a session that never shows it' {
        $s = Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0 -PassThru
        $s | Should -BeOfType FragmentPS.FragmentSession
        $s.AccountName | Should -Not -BeNullOrEmpty
        $s.IsConnected | Should -BeTrue
        ($s | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($token))
        ($s | ConvertTo-Json -Depth 3) | Should -Not -Match ([regex]::Escape($token))
        (Get-FragmentSession).BaseUri | Should -Be $emu.BaseUri
    }

    It 'takes the token from $env:FRAGMENT_TOKEN' {
        $env:FRAGMENT_TOKEN = $token
        try { (Connect-Fragment -BaseUri $emu.BaseUri -RequestsPerMinute 0 -PassThru).IsConnected | Should -BeTrue }
        finally { Remove-Item Env:FRAGMENT_TOKEN }
    }

    It 'refuses a wrong token with an authentication error' {
        $bad = ConvertTo-SecureString 'wrong-token' -AsPlainText -Force
        $err = { Connect-Fragment -BaseUri $emu.BaseUri -Token $bad } |
            Should -Throw -ErrorId 'FragmentAuthenticationFailed,FragmentPS.Commands.ConnectFragmentCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
    }

    It 'says what to do when there is no token' {
        Remove-Item Env:FRAGMENT_TOKEN -ErrorAction Ignore
        { Connect-Fragment -BaseUri $emu.BaseUri } | Should -Throw -ErrorId 'FragmentNoToken,FragmentPS.Commands.ConnectFragmentCommand'
    }

    It 'refuses to send the token over plain http to a remote host' {
        { Connect-Fragment -BaseUri 'http://fragment.example.com/api/v1' -Token $emu.Token } |
            Should -Throw -ErrorId 'FragmentInsecureConnection,FragmentPS.Commands.ConnectFragmentCommand'
    }

    AfterAll { Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0 }
}

Describe 'New-FragmentTask' {
    It 'creates a task with a title, url, custom field, status and due date' {
        $due = [DateTimeOffset]::new(2030, 1, 2, 3, 4, 5, [TimeSpan]::Zero)
        $t = New-FragmentTask -Title 'Call the carrier' -Url 'https://example.com/1' -Field @{ country = 'FR'; priority = 2 } -Status STARTED -DueAt $due
        $t | Should -BeOfType FragmentPS.FragmentTask
        $t.Uid | Should -BeOfType guid
        $t.Title | Should -Be 'Call the carrier'
        $t.Url | Should -Be 'https://example.com/1'
        $t.Status | Should -Be 'STARTED'
        $t.Fields.country | Should -Be 'FR'
        $t.Fields.priority | Should -Be 2
        $t.country | Should -Be 'FR'
        $t.DueAt | Should -Be $due
    }

    It 'derives the uid from -ExternalId, so a re-run creates nothing twice' {
        $before = Get-TaskCount
        $a = New-FragmentTask -Title 'Ticket 7' -ExternalId 'TICKET-7'
        $b = New-FragmentTask -Title 'Ticket 7' -ExternalId 'TICKET-7'
        $a.Uid | Should -Be $b.Uid
        (Get-TaskCount) | Should -Be ($before + 1)
    }

    It 'creates one task per CSV row through one batch request' {
        $csv = Join-Path $TestDrive 'tickets.csv'
        @'
Title,Url,ExternalId
Printer on fire,https://example.com/t/1,CSV-1
VPN down,https://example.com/t/2,CSV-2
Badge expired,https://example.com/t/3,CSV-3
'@ | Set-Content $csv
        $batches = Get-Stat POST '/tasks/batch'
        $tasks = Import-Csv $csv | New-FragmentTask
        $tasks.Count | Should -Be 3
        $tasks.Title | Should -Be @('Printer on fire', 'VPN down', 'Badge expired')
        (Get-Stat POST '/tasks/batch') | Should -Be ($batches + 1)
    }

    It 'writes an error for an empty title and goes on with the other inputs' {
        $rows = @([pscustomobject]@{ Title = 'good one' }, [pscustomobject]@{ Title = ' ' }, [pscustomobject]@{ Title = 'good two' })
        $out = $rows | New-FragmentTask -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.Title | Should -Be @('good one', 'good two')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentEmptyTitle,FragmentPS.Commands.NewFragmentTaskCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses a field value that cannot be sent as JSON, before any request' {
        $before = Get-Stat POST '/tasks'
        New-FragmentTask -Title 'bad field' -Field @{ when = { Get-Date } } -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentInvalidFieldValue,FragmentPS.Commands.NewFragmentTaskCommand'
        $errs[0].Exception.Message | Should -Match 'fields\.when'
        (Get-Stat POST '/tasks') | Should -Be $before
    }

    It 'refuses an unknown status by name' {
        { New-FragmentTask -Title 'x' -Status 'FINISHED' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,FragmentPS.Commands.NewFragmentTaskCommand'
    }

    It 'changes nothing with -WhatIf' {
        $before = Get-TaskCount
        New-FragmentTask -Title 'what if' -WhatIf
        (Get-TaskCount) | Should -Be $before
    }
}

Describe 'Get-FragmentTask' {
    BeforeAll {
        $script:marker = [guid]::NewGuid().ToString('N')
        $script:made = 1..3 | ForEach-Object { New-FragmentTask -Title "get $_" -Field @{ country = 'FR'; marker = $marker } }
        $null = New-FragmentTask -Title 'get DE' -Field @{ country = 'DE'; marker = $marker }
    }

    It 'gets tasks by uid, from the pipeline too' {
        (Get-FragmentTask -Uid $made[0].Uid).Title | Should -Be 'get 1'
        ($made.Uid | Get-FragmentTask).Title | Should -Be @('get 1', 'get 2', 'get 3')
        ($made | Get-FragmentTask).Count | Should -Be 3
    }

    It 'writes a not-found error for one bad uid and goes on' {
        $uids = @($made[0].Uid, [guid]::NewGuid(), $made[1].Uid)
        $out = $uids | Get-FragmentTask -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.Count | Should -Be 2
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentNotFound,FragmentPS.Commands.GetFragmentTaskCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $uids[1]
        $errs[0].Exception.Message | Should -Match '404'
    }

    It 'refuses a uid that is not a GUID before any request' {
        { Get-FragmentTask -Uid 'not-a-guid' } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,FragmentPS.Commands.GetFragmentTaskCommand'
    }

    It 'searches by custom field and status' {
        (Get-FragmentTask -Filter @{ marker = $marker; country = 'FR' }).Count | Should -Be 3
        (Get-FragmentTask -Filter @{ marker = $marker; country = 'FR', 'DE' }).Count | Should -Be 4
        (Get-FragmentTask -Filter @{ marker = $marker } -Status DONE).Count | Should -Be 0
    }
}

Describe 'Set-FragmentTask' {
    It 'completes a task and returns it with -PassThru' {
        $t = New-FragmentTask -Title 'to finish'
        $done = Set-FragmentTask -Uid $t.Uid -Status DONE -Field @{ country = 'ES' } -PassThru
        $done.Status | Should -Be 'DONE'
        $done.DoneAt | Should -Not -BeNullOrEmpty
        $done.Fields.country | Should -Be 'ES'
        $done.Title | Should -Be 'to finish'
        Set-FragmentTask -Uid $t.Uid -Status TODO | Should -BeNullOrEmpty
    }

    It 'changes nothing with -WhatIf' {
        $t = New-FragmentTask -Title 'keep me'
        Set-FragmentTask -Uid $t.Uid -Status DONE -WhatIf
        (Get-FragmentTask -Uid $t.Uid).Status | Should -Be 'TODO'
    }

    It 'does not send back the title a piped task brings' {
        $t = New-FragmentTask -Title 'original'
        $null = Set-FragmentTask -Uid $t.Uid -Title 'renamed elsewhere'
        $t | Set-FragmentTask -Status STARTED
        $now = Get-FragmentTask -Uid $t.Uid
        $now.Status | Should -Be 'STARTED'
        $now.Title | Should -Be 'renamed elsewhere'
    }

    It 'writes a not-found error for an unknown uid' {
        Set-FragmentTask -Uid ([guid]::NewGuid()) -Status DONE -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentNotFound,FragmentPS.Commands.SetFragmentTaskCommand'
    }

    It 'says when there is nothing to change' {
        $t = New-FragmentTask -Title 'idle'
        Set-FragmentTask -Uid $t.Uid -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentNothingToChange,FragmentPS.Commands.SetFragmentTaskCommand'
    }
}

Describe 'Remove-FragmentTask' {
    It 'deletes without asking when -Confirm:$false, and keeps the task with -WhatIf' {
        $t = New-FragmentTask -Title 'delete me'
        Remove-FragmentTask -Uid $t.Uid -WhatIf
        (Get-FragmentTask -Uid $t.Uid).Uid | Should -Be $t.Uid
        $t | Remove-FragmentTask -Confirm:$false
        { Get-FragmentTask -Uid $t.Uid -ErrorAction Stop } | Should -Throw -ErrorId 'FragmentNotFound,FragmentPS.Commands.GetFragmentTaskCommand'
    }
}

Describe 'Comments' {
    It 'adds a comment and lists it' {
        $t = New-FragmentTask -Title 'discuss'
        $c = Add-FragmentComment -Uid $t.Uid -Content 'first'
        $c | Should -BeOfType FragmentPS.FragmentComment
        $c.TaskUid | Should -Be $t.Uid
        $c.Content | Should -Be 'first'
        (Get-FragmentComment -Uid $t.Uid).Content | Should -Be @('first')
        ($t | Get-FragmentComment).Count | Should -Be 1
    }

    It 'refuses an empty comment' {
        $t = New-FragmentTask -Title 'quiet'
        Add-FragmentComment -Uid $t.Uid -Content '' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentEmptyContent,FragmentPS.Commands.AddFragmentCommentCommand'
    }

    It 'writes a not-found error for a comment on an unknown task' {
        Add-FragmentComment -Uid ([guid]::NewGuid()) -Content 'lost' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentNotFound,FragmentPS.Commands.AddFragmentCommentCommand'
    }
}

Describe 'Pipelines without glue' {
    It 'searches, completes and comments in one pipeline' {
        $marker = [guid]::NewGuid().ToString('N')
        1..3 | ForEach-Object { $null = New-FragmentTask -Title "close $_" -Field @{ country = 'FR'; marker = $marker } }
        $comments = Get-FragmentTask -Filter @{ country = 'FR'; marker = $marker } |
            Set-FragmentTask -Status DONE -PassThru |
            Add-FragmentComment -Content 'closed'
        $comments.Count | Should -Be 3
        (Get-FragmentTask -Filter @{ marker = $marker } -Status DONE).Count | Should -Be 3
    }
}

Describe 'The client-side rate limit' {
    It 'shows a wait of more than a second in -Verbose and Write-Progress' {
        # A token of its own, so this bucket (2 s a request) is not the one the other tests share.
        $own = 'limiter-' + [guid]::NewGuid().ToString('N')
        Invoke-EmulatorAdmin $emu POST tokens @{ add = @($own) } | Out-Null
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($m, $u, $t) Import-Module $m; $ProgressPreference = "Continue"
                Connect-Fragment -BaseUri $u -Token (ConvertTo-SecureString $t -AsPlainText -Force) -RequestsPerMinute 30 -Burst 1
                $null = Get-FragmentTask -First 1 -Verbose').AddArgument($env:FRAGMENTPS_MODULE_PATH).AddArgument($emu.BaseUri).AddArgument($own)
            $ps.Invoke()
            $ps.Streams.Verbose.Message | Where-Object { $_ -like 'Rate limit: holding GET /tasks for *' } | Should -Not -BeNullOrEmpty
            $ps.Streams.Progress.Activity | Should -Contain 'Fragment rate limit'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'No session' {
    It 'says to run Connect-Fragment' {
        Disconnect-Fragment
        try {
            { Get-FragmentTask -Uid ([guid]::NewGuid()) } | Should -Throw -ErrorId 'FragmentNoSession,FragmentPS.Commands.GetFragmentTaskCommand'
        }
        finally { Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0 }
    }
}
