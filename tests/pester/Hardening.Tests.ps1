# Hostile servers and hostile input: no secret leaks, no raw .NET exception, no pipeline ended by one bad value.
BeforeAll {
    Import-Module $env:FRAGMENTPS_MODULE_PATH -Force
    Import-Module (Join-Path $PSScriptRoot 'Support/ScriptedServer.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../build/ChildPwsh.psm1') -Force
    function script:Invoke-Child([string] $Command, [hashtable] $Environment = @{}) {
        $exe = @(Get-PwshCommandLine)
        $rest = @($exe | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Command)
        $saved = @{}
        foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
        try { & $exe[0] @rest 2>&1 }
        finally { foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) } }
    }
}

Describe 'Secrets against a server that echoes them' {
    BeforeAll {
        $script:secret = 'tok-' + [guid]::NewGuid().ToString('N')
        $script:password = 'pw-' + [guid]::NewGuid().ToString('N')
        $script:missing = [guid]::NewGuid()
        $script:server = Start-ScriptedServer -Answers @{
            'GET /api/v1/accounts/me' = @{ Status = 200; Body = '{"uid":"6f1f0a52-5a3c-4b8e-9a51-1f5b0d1a2c3e","name":"hostile"}' }
            "GET /api/v1/tasks/$missing" = @{ Status = 404; Headers = @{ 'X-Request-Id' = '{auth}' }; Body = '{"detail":"no task for {token}"}' }
            'POST /api/v1/tasks' = @{ Status = 422; Body = '{"detail":[{"type":"x","loc":["body","fields","{auth}"],"msg":"bad {token}"}]}' }
            'GET /api/v1/long' = @{ Status = 400; Body = ('x' * 295) + '{token}' }
            'GET /api/v1/escaped' = @{ Status = 200; Body = '{"echo":"{token-escaped}"}' }
            'GET /api/v1/moved' = @{ Status = 302; Headers = @{ Location = 'http://127.0.0.2/elsewhere' }; Body = '' }
            'GET /api/v1/toolong' = @{ Status = 414; Body = '' }
        }
    }
    AfterAll {
        Disconnect-Fragment
        $server | Stop-ScriptedServer
    }

    It 'leaves no trace of the token or the base-URI password in any stream, error, transcript or export' {
        $secure = ConvertTo-SecureString $secret -AsPlainText -Force
        $withPassword = "http://user:$password@127.0.0.1:$($server.Port)/api/v1"
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $Error.Clear()
        Start-Transcript -Path $transcript | Out-Null
        try {
            $everything = & {
                $VerbosePreference = 'Continue'
                $DebugPreference = 'Continue'
                $s = Connect-Fragment -BaseUri $withPassword -Token $secure -RequestsPerMinute 0 -MaximumRetryCount 0 -PassThru -Verbose -Debug
                $s | Format-List * | Out-String
                Get-FragmentTask -Uid $missing -Verbose -Debug -ErrorAction Continue
                Invoke-FragmentRestMethod -Method POST -Path '/tasks' -Body @{ fields = @{ title = 'x' } } -Verbose -Debug -ErrorAction Continue
                Invoke-FragmentRestMethod -Path '/long' -Verbose -Debug -ErrorAction Continue
                # The answer itself is data the server chose to send; only what the module says about it is checked.
                $null = Invoke-FragmentRestMethod -Path '/escaped' -Verbose -Debug
                Invoke-FragmentRestMethod -Path '/moved' -ErrorAction Continue
                Invoke-FragmentRestMethod -Path '/toolong' -ErrorAction Continue
                $Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String; $_.ErrorDetails | Out-String }
            } *>&1 | Out-String
        }
        finally { Stop-Transcript | Out-Null }
        $clixml = Join-Path $TestDrive 'errors.xml'
        $Error | Export-Clixml -Path $clixml -Depth 5
        Get-FragmentSession | Export-Clixml -Path (Join-Path $TestDrive 'session.xml')

        $everything | Should -Match 'no task for \[redacted\]'
        $everything | Should -Match 'Bearer \[redacted\]'
        $Error.Count | Should -BeGreaterOrEqual 5
        foreach ($text in @($everything, (Get-Content -Raw $transcript), (Get-Content -Raw $clixml), (Get-Content -Raw (Join-Path $TestDrive 'session.xml')))) {
            $text | Should -Not -Match ([regex]::Escape($secret.Substring(0, 8)))
            $text | Should -Not -Match ([regex]::Escape($password))
        }
    }

    It 'names a redirect and a 414 for what they are' {
        $secure = ConvertTo-SecureString $secret -AsPlainText -Force
        Connect-Fragment -BaseUri $server.BaseUri -Token $secure -RequestsPerMinute 0 -MaximumRetryCount 0
        Invoke-FragmentRestMethod -Path '/moved' -ErrorVariable moved -ErrorAction SilentlyContinue
        $moved[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $moved[0].Exception.Message | Should -Match 'redirect to http://127\.0\.0\.2/elsewhere, which is not followed'
        Invoke-FragmentRestMethod -Path '/toolong' -ErrorVariable long -ErrorAction SilentlyContinue
        $long[0].Exception.Message | Should -Match 'URL is too long'
        $long[0].Exception.Message | Should -Not -Match 'no detail'
    }

    It 'refuses a token with a line break without showing it' {
        $broken = ConvertTo-SecureString ("abc`n" + $secret) -AsPlainText -Force
        $err = $null
        try { Connect-Fragment -BaseUri $server.BaseUri -Token $broken } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'FragmentInvalidToken,FragmentPS.Commands.ConnectFragmentCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        ($err | Format-List * -Force | Out-String) | Should -Not -Match ([regex]::Escape($secret.Substring(0, 8)))
    }
}

Describe 'Hostile input' {
    BeforeAll {
        $script:emu = Start-FragmentEmulator -Seed 120
        Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0
    }
    AfterAll {
        Disconnect-Fragment
        $emu | Stop-FragmentEmulator
    }

    It 'refuses an empty -Query key with a clear error' {
        Invoke-FragmentRestMethod -Path '/tasks' -Query @{ '' = 'x' } -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentInvalidArgument,FragmentPS.Commands.InvokeFragmentRestMethodCommand'
        $errs[0].Exception.Message | Should -Match '-Query is empty'
    }

    It 'keeps searching when Disconnect-Fragment comes from another runspace' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
            param($module)
            Import-Module $module
            Get-FragmentTask -PageSize 10 | ForEach-Object { Start-Sleep -Milliseconds 5; $_.Uid }
        }).AddArgument($env:FRAGMENTPS_MODULE_PATH)
        $out = [System.Management.Automation.PSDataCollection[object]]::new()
        $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[object]]::new(), $out)
        $deadline = [datetime]::UtcNow.AddSeconds(60)
        while ($out.Count -lt 15 -and -not $handle.IsCompleted -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        Disconnect-Fragment
        $null = $ps.EndInvoke($handle)
        $errors = @($ps.Streams.Error)
        $ps.Dispose()
        $errors | Should -BeNullOrEmpty
        @($out | Select-Object -Unique).Count | Should -Be 120
        { Get-FragmentTask -First 1 } | Should -Throw -ErrorId 'FragmentNoSession,FragmentPS.Commands.GetFragmentTaskCommand'
    }

    It 'sends [datetime]::MinValue and MaxValue under a zone east of UTC instead of ending the pipeline' {
        $out = Invoke-Child -Environment @{ TZ = 'Asia/Tokyo' } -Command @"
Import-Module '$($env:FRAGMENTPS_MODULE_PATH)'
`$null = Start-FragmentEmulator -Connect
`$rows = 1..4 | ForEach-Object { [pscustomobject]@{ Title = "row `$_"; Field = @{ when = if (`$_ -eq 2) { [datetime]::MinValue } elseif (`$_ -eq 3) { [datetime]::MaxValue } else { Get-Date } } } }
`$made = @(`$rows | New-FragmentTask -ErrorAction Continue)
"created=`$(`$made.Count)"
"min=`$((`$made | Where-Object Title -eq 'row 2').Fields.when)"
"filter=`$(@(Get-FragmentTask -Filter @{ when = [datetime]::MaxValue } -ErrorAction Continue).Count)"
"query=`$(@(Invoke-FragmentRestMethod -Path /tasks -Query @{ due_at_before = [datetime]::MaxValue } -ErrorAction Continue).Count)"
"body=`$((Invoke-FragmentRestMethod -Method POST -Path /tasks -Body @{ fields = @{ title = 'b'; at = [datetime]::MinValue } }).fields.at)"
Stop-FragmentEmulator
"@
        $text = $out | Out-String
        $text | Should -Match 'created=4'
        $text | Should -Match 'min=0001-01-01T00:00:00\.000Z'
        $text | Should -Match 'filter=1'
        $text | Should -Match 'query=1'
        $text | Should -Match 'body=0001-01-01T00:00:00\.000Z'
        $text | Should -Not -Match 'ArgumentOutOfRange'
    }
}
