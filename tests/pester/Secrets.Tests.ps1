# The token must never appear: no stream, no $Error entry, no transcript, no session display, at any preference.
BeforeAll {
    Import-Module $env:FRAGMENTPS_MODULE_PATH -Force
    $script:secret = 'secret-' + [guid]::NewGuid().ToString('N')
    $script:secure = ConvertTo-SecureString $secret -AsPlainText -Force
    $script:emu = Start-FragmentEmulator -Token $secure
}

AfterAll {
    Disconnect-Fragment
    Stop-FragmentEmulator
}

Describe 'The token' {
    It 'appears in no stream, error, transcript or display when every cmdlet runs at Verbose, Debug and Information' {
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $Error.Clear()
        Start-Transcript -Path $transcript | Out-Null
        try {
            $everything = & {
                $VerbosePreference = 'Continue'
                $DebugPreference = 'Continue'
                $InformationPreference = 'Continue'
                $s = Connect-Fragment -BaseUri $emu.BaseUri -Token $secure -RequestsPerMinute 0 -PassThru -Verbose -Debug
                $s
                $s | Format-List * | Out-String
                Get-FragmentSession | Format-Table | Out-String
                $t = New-FragmentTask -Title 'secret test' -Field @{ country = 'FR' } -Verbose -Debug
                $t
                New-FragmentTask -Title 'what if' -WhatIf -Verbose
                Get-FragmentTask -Uid $t.Uid -Verbose -Debug
                Get-FragmentTask -Filter @{ country = 'FR' } -PageSize 1 -First 3 -Verbose -Debug
                Set-FragmentTask -Uid $t.Uid -Status DONE -PassThru -Verbose -Debug
                Set-FragmentTask -Uid $t.Uid -Status DONE -WhatIf
                Add-FragmentComment -Uid $t.Uid -Content 'hello' -Verbose -Debug
                Get-FragmentComment -Uid $t.Uid -Verbose -Debug
                Invoke-FragmentRestMethod -Path '/accounts/me' -Verbose -Debug
                Invoke-FragmentRestMethod -Path '/tasks' -All -Query @{ limit = 2 } -Verbose -Debug | Select-Object -First 3
                Remove-FragmentTask -Uid $t.Uid -Confirm:$false -Verbose -Debug
                Get-FragmentTask -Uid $t.Uid -Verbose -Debug -ErrorAction Continue
                Set-FragmentTask -Uid ([guid]::NewGuid()) -Status DONE -Verbose -ErrorAction Continue
                try { Connect-Fragment -BaseUri 'http://127.0.0.1:1/api/v1' -Token $secure -MaximumRetryCount 0 -Verbose -Debug } catch { $_ | Out-String }
                try { Connect-Fragment -BaseUri 'http://remote.example.com/api/v1' -Token $secure } catch { $_ | Out-String }
                $other = Start-FragmentEmulator -Token $secure -Verbose -Debug
                $other | Format-List * | Out-String
                $other | Stop-FragmentEmulator -Verbose -Debug
                Disconnect-Fragment -Verbose -Debug
                Write-Information 'done'
            } *>&1 | Out-String
        }
        finally {
            Stop-Transcript | Out-Null
        }
        $everything | Should -Match 'GET http://127\.0\.0\.1:\d+/api/v1/tasks/[0-9a-f-]+ -> 200 \(\d+ ms, attempt 1\)'
        $everything | Should -Match 'request body'
        $everything | Should -Not -Match $secret
        Get-Content -Raw $transcript | Should -Match 'What if'
        Get-Content -Raw $transcript | Should -Not -Match $secret
        ($Error | Format-List * -Force | Out-String) | Should -Not -Match $secret
        $Error.Count | Should -BeGreaterThan 0
        (Get-FragmentSession | ConvertTo-Json -Depth 4) | Should -Not -Match $secret
    }
}
