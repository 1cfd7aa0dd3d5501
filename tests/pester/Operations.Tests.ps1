# A day of ops work (issue 12): connecting, named sessions, views at 80 columns, completion, help.
BeforeAll {
    Import-Module $env:FRAGMENTPS_MODULE_PATH -Force
    $script:emu = Start-FragmentEmulator
    $script:token = [System.Net.NetworkCredential]::new('', $emu.Token).Password
    Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0
    $script:marker = [guid]::NewGuid().ToString('N')
    $script:task = New-FragmentTask -Title 'Replace the broken printer on floor three, room 3.14' -Field @{ marker = $marker } -DueAt ([datetimeoffset]'2026-12-24T17:00:00Z')

    Import-Module (Join-Path $PSScriptRoot '../../build/ChildPwsh.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Support/EmulatorAdmin.psm1') -Force
    # A fresh pwsh started -NonInteractive, as CI runs it; $Environment is set for it only.
    function script:Invoke-Child([string] $Command, [hashtable] $Environment = @{}) {
        $exe = @(Get-PwshCommandLine)
        $rest = @($exe | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Command)
        $saved = @{}
        foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
        try { & $exe[0] @rest 2>&1 | ForEach-Object { "$_" } }
        finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
    }
    function script:Complete([string] $Line) { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches }
}

AfterAll {
    Get-FragmentSession | Disconnect-Fragment
    Stop-FragmentEmulator
}

Describe 'Connect-Fragment' {
    It 'suggests the /api/v1 suffix when the base URI answers 404 on /accounts/me' {
        $root = $emu.BaseUri.GetLeftPart([UriPartial]::Authority)
        $err = $null
        try { Connect-Fragment -BaseUri $root -Token $emu.Token } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'FragmentNotFound,FragmentPS.Commands.ConnectFragmentCommand'
        $err.ErrorDetails.Message | Should -Match ([regex]::Escape("did you mean $root/api/v1?"))
        $err.ErrorDetails.RecommendedAction | Should -Be "Connect-Fragment -BaseUri '$root/api/v1'"
    }

    It 'reads the base URI from $env:FRAGMENT_BASE_URI when -BaseUri is not given' {
        $env:FRAGMENT_BASE_URI = $emu.BaseUri.ToString()
        try { $s = Connect-Fragment -Token $emu.Token -RequestsPerMinute 0 -PassThru }
        finally { Remove-Item Env:FRAGMENT_BASE_URI }
        $s.BaseUri | Should -Be $emu.BaseUri
        $s.IsConnected | Should -BeTrue
    }

    It 'answers a plain-string -Token with the ways to make a SecureString, without echoing it' {
        $secret = 'plain-text-token-' + [guid]::NewGuid().ToString('N')
        $err = $null
        try { Connect-Fragment -BaseUri $emu.BaseUri -Token $secret } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,FragmentPS.Commands.ConnectFragmentCommand'
        $err.Exception.Message | Should -Match 'ConvertTo-SecureString'
        $err.Exception.Message | Should -Match 'Read-Host .*-AsSecureString'
        ($err | Format-List * -Force | Out-String) + ($err.Exception | Format-List * -Force | Out-String) | Should -Not -Match $secret
    }

    It 'prompts an interactive host for the token, masked, when there is none' {
        if (-not ('OpsTests.TokenHost' -as [type])) {
            Add-Type -TypeDefinition @'
using System; using System.Collections.Generic; using System.Collections.ObjectModel; using System.Globalization;
using System.Management.Automation; using System.Management.Automation.Host; using System.Security;
namespace OpsTests {
    public sealed class TokenHost : PSHost {
        private readonly TokenHostUI _ui; private readonly Guid _id = Guid.NewGuid();
        public TokenHost(string answer) { _ui = new TokenHostUI(answer); }
        public TokenHostUI Console => _ui;
        public override PSHostUserInterface UI => _ui;
        public override string Name => "OpsTestHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId => _id;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override void EnterNestedPrompt() { } public override void ExitNestedPrompt() { }
        public override void NotifyBeginApplication() { } public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }
    public sealed class TokenHostUI : PSHostUserInterface {
        private readonly string _answer;
        public TokenHostUI(string answer) { _answer = answer; }
        public string Written = ""; public int SecureReads; public int PlainReads;
        public override PSHostRawUserInterface RawUI => null;
        public override string ReadLine() { PlainReads++; return _answer; }
        public override SecureString ReadLineAsSecureString() {
            SecureReads++; var s = new SecureString(); foreach (char c in _answer) s.AppendChar(c); return s; }
        public override void Write(string value) { Written += value; }
        public override void Write(ConsoleColor f, ConsoleColor b, string value) { Written += value; }
        public override void WriteLine(string value) { Written += value + "\n"; }
        public override void WriteErrorLine(string value) { } public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { } public override void WriteWarningLine(string message) { }
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) { throw new NotImplementedException(); }
        public override PSCredential PromptForCredential(string c, string m, string u, string t) { throw new NotImplementedException(); }
        public override PSCredential PromptForCredential(string c, string m, string u, string t, PSCredentialTypes a, PSCredentialUIOptions o) { throw new NotImplementedException(); }
        public override int PromptForChoice(string c, string m, Collection<ChoiceDescription> choices, int d) { throw new NotImplementedException(); }
    }
}
'@
        }
        $saved = @{ CI = $env:CI; TF_BUILD = $env:TF_BUILD; FRAGMENT_TOKEN = $env:FRAGMENT_TOKEN }
        $testHost = [OpsTests.TokenHost]::new($token)
        $rs = [runspacefactory]::CreateRunspace($testHost, [initialsessionstate]::CreateDefault2())
        try {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $null) }
            $rs.Open()
            $ps = [powershell]::Create()
            $ps.Runspace = $rs
            $null = $ps.AddScript('param($module, $uri) Import-Module $module; Connect-Fragment -BaseUri $uri -Name prompted -RequestsPerMinute 0 -PassThru').
                AddArgument($env:FRAGMENTPS_MODULE_PATH).AddArgument($emu.BaseUri)
            $session = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $session.IsConnected | Should -BeTrue
            $testHost.Console.SecureReads | Should -Be 1
            $testHost.Console.PlainReads | Should -Be 0
            $testHost.Console.Written | Should -Match 'Fragment token'
            $testHost.Console.Written | Should -Not -Match ([regex]::Escape($token))
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            $rs.Dispose()
            Get-FragmentSession -Name prompted -ErrorAction Ignore | Disconnect-Fragment
            Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0
        }
    }

    It 'never prompts in a pwsh started -NonInteractive: it says where the token comes from' {
        $out = Invoke-Child "Import-Module '$($env:FRAGMENTPS_MODULE_PATH)'; try { Connect-Fragment -BaseUri '$($emu.BaseUri)' } catch { 'id=' + `$_.FullyQualifiedErrorId }" @{ FRAGMENT_TOKEN = $null; CI = $null }
        $out | Should -Contain 'id=FragmentNoToken,FragmentPS.Commands.ConnectFragmentCommand'
        ($out -join "`n") | Should -Not -Match 'Fragment token \('
    }
}

Describe 'Named sessions' {
    BeforeAll {
        $script:eu = Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -Name 'ops-eu' -RequestsPerMinute 0 -PassThru
        $script:us = Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -Name 'ops-us' -RequestsPerMinute 0 -PassThru
    }
    AfterAll {
        $eu, $us | Disconnect-Fragment
        Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0
    }

    It 'lists every connected session, the last connected as the default' {
        $all = @(Get-FragmentSession)
        $all.Name | Should -Contain 'ops-eu'
        $all.Name | Should -Contain 'ops-us'
        ($all | Where-Object IsDefault).Name | Should -Be 'ops-us'
    }

    It 'filters by -Name, wildcards too, and names a plain name it does not know' {
        (Get-FragmentSession -Name 'ops-eu').Name | Should -Be 'ops-eu'
        @(Get-FragmentSession -Name 'OPS-*').Count | Should -Be 2
        Get-FragmentSession -Name 'nobody-*' | Should -BeNullOrEmpty
        Get-FragmentSession -Name 'nobody' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentSessionNotFound,FragmentPS.Commands.GetFragmentSessionCommand'
    }

    It 'takes a session name for -Session' {
        (Get-FragmentTask -Session 'ops-eu' -Uid $task.Uid).Uid | Should -Be $task.Uid
        $err = $null
        try { Get-FragmentTask -Session 'nobody' -Uid $task.Uid } catch { $err = $_ }
        $err.Exception.Message | Should -Match "no session named 'nobody'"
        $err.Exception.Message | Should -Match "'ops-eu'"
    }

    It 'completes -Session with the session names, for every cmdlet' {
        (Complete 'Get-FragmentTask -Session ops-').CompletionText | Should -Be @('ops-eu', 'ops-us')
        (Complete 'Disconnect-Fragment -Session ops-e').CompletionText | Should -Be 'ops-eu'
        (Complete 'Get-FragmentSession ops-u').CompletionText | Should -Be 'ops-us'
    }

    It 'disconnects by name and forgets the session' {
        $extra = Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -Name 'ops-extra' -RequestsPerMinute 0 -PassThru
        Disconnect-Fragment 'ops-extra'
        $extra.IsConnected | Should -BeFalse
        (Get-FragmentSession).Name | Should -Not -Contain 'ops-extra'
    }
}

Describe 'Views' {
    It 'fits the task, comment and session tables in 80 columns, headers named after properties' {
        $tasks = Get-FragmentTask -Filter @{ marker = $marker }
        $table = $tasks | Format-Table | Out-String -Width 80
        $table | Should -Match '(?m)^Uid\s+Status\s+DueAt\s+Title\s*$'
        $table | Should -Match ([regex]::Escape($task.Title.Substring(0, 35)))  # the title gets the room: 38 columns
        $table | Should -Match ([regex]::Escape($task.Uid.ToString().Substring(0, 8)))
        $null = Add-FragmentComment -Uid $task.Uid -Content 'ordered a new one'
        $sessions = Get-FragmentSession | Format-Table | Out-String -Width 80
        $sessions | Should -Match '(?m)^Name\s+IsDefault\s+AccountName\s+BaseUri\s*$'
        $comments = Get-FragmentComment -Uid $task.Uid | Format-Table | Out-String -Width 80
        $comments | Should -Match '(?m)^CreatedAt\s+TaskUid\s+Content\s*$'
        foreach ($text in $table, $sessions, $comments) {
            $text -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
        }
    }

    It 'shows one time, local with its offset, in the table and the list' {
        $script = @"
Import-Module '$($env:FRAGMENTPS_MODULE_PATH)'
Connect-Fragment -BaseUri '$($emu.BaseUri)' -RequestsPerMinute 0
`$t = Get-FragmentTask -Uid '$($task.Uid)'
'table=' + ((`$t | Format-Table | Out-String -Width 120) -split "``n" | Where-Object { `$_ -match 'printer' })
'list=' + ((`$t | Format-List | Out-String -Width 120) -split "``n" | Where-Object { `$_ -match '^DueAt' })
"@
        $out = Invoke-Child $script @{ TZ = 'Europe/Paris'; FRAGMENT_TOKEN = $token }
        $table = ($out | Where-Object { $_ -like 'table=*' })
        $list = ($out | Where-Object { $_ -like 'list=*' })
        $table | Should -Match '2026-12-24 18:00 \+01:00'
        $list | Should -Match '18:00:00 \+01:00'
    }
}

Describe 'Completion' {
    It 'completes Invoke-FragmentRestMethod -Path with the routes, and task routes with recent uids' {
        $texts = (Complete 'Invoke-FragmentRestMethod -Path ').CompletionText
        $texts | Should -Contain 'accounts/me'
        $texts | Should -Contain 'tasks'
        $texts | Should -Contain 'tasks/batch'
        $matches = Complete "Invoke-FragmentRestMethod -Path /tasks/$($task.Uid.ToString().Substring(0, 6))"
        $matches.CompletionText | Should -Contain "/tasks/$($task.Uid)"
        $matches.CompletionText | Should -Contain "/tasks/$($task.Uid)/comments"
        ($matches | Where-Object CompletionText -eq "/tasks/$($task.Uid)").ToolTip | Should -Match 'broken printer'
        (Complete 'Invoke-FragmentRestMethod tasks/broken').CompletionText | Should -Contain "tasks/$($task.Uid)"
    }
}

Describe 'Help' {
    It 'does not advertise -Online help the module does not have, and still names related commands' {
        $text = Get-Help Connect-Fragment -Full | Out-String
        $text | Should -Not -Match '-Online'
        $text | Should -Match 'See also: Disconnect-Fragment'
    }
}

Describe 'A wrong address' {
    It 'fails Connect-Fragment on the first refused connection, without retries' {
        # A port that was free a moment ago: nothing listens there.
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $err = $null
        try { Connect-Fragment -BaseUri "http://127.0.0.1:$port/api/v1" -Token $emu.Token -MaximumRetryCount 5 -Verbose 4>&1 | Out-Null } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'FragmentNetworkError,FragmentPS.Commands.ConnectFragmentCommand'
        $err.Exception.Attempts | Should -Be 1
        $err.Exception.Message | Should -Not -Match 'after \d+ attempts'
        (Get-FragmentSession).BaseUri | Should -Contain $emu.BaseUri
    }
}

Describe 'External ids' {
    BeforeAll {
        $script:ext = 'INC-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $script:byExt = New-FragmentTask -Title 'Imported ticket' -ExternalId $ext
    }

    It 'reaches the task created with -ExternalId from Get-, Set-FragmentTask and the comment cmdlets' {
        (Get-FragmentTask -ExternalId $ext).Uid | Should -Be $byExt.Uid
        (Set-FragmentTask -ExternalId $ext -Status STARTED -PassThru).Status | Should -Be 'STARTED'
        (Add-FragmentComment -ExternalId $ext -Content 'seen').TaskUid | Should -Be $byExt.Uid
        (Get-FragmentComment -ExternalId $ext).Content | Should -Contain 'seen'
    }

    It 'binds external_id and ExternalId columns by property name' {
        $rows = @([pscustomobject]@{ external_id = $ext })
        (@($rows | Get-FragmentTask)).Uid | Should -Be $byExt.Uid
        ([pscustomobject]@{ ExternalId = $ext; Status = 'DONE' } | Set-FragmentTask -InputProperty Status -PassThru).Status | Should -Be 'DONE'
        ([pscustomobject]@{ ExternalId = $ext } | Get-FragmentComment).Content | Should -Contain 'seen'
    }

    It 'removes by external id, and names the id when no task was created with it' {
        $gone = 'GONE-' + [guid]::NewGuid().ToString('N')
        $null = New-FragmentTask -Title 'to remove' -ExternalId $gone
        Remove-FragmentTask -ExternalId $gone -Force
        Get-FragmentTask -ExternalId $gone -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentNotFound,FragmentPS.Commands.GetFragmentTaskCommand'
        $errs[0].Exception.Message | Should -Match "external id '$gone'"
        $errs[0].TargetObject | Should -Be $gone
    }

    It 'says a value that is not a GUID is no uid, and suggests -ExternalId, for strings and numbers' {
        foreach ($value in 'INC-1001', 12345, 12.5) {
            $err = $null
            try { Get-FragmentTask -Uid $value } catch { $err = $_ }
            $err.Exception.Message | Should -Match "'$([regex]::Escape([string]$value))' is not a task uid"
            $err.Exception.Message | Should -Match "-ExternalId '$([regex]::Escape([string]$value))'"
        }
        $err = $null
        try { Set-FragmentTask 12345 -Status DONE } catch { $err = $_ }
        $err.Exception.Message | Should -Match '-ExternalId'
    }
}

Describe 'CSV in' {
    BeforeAll {
        $script:csv = Join-Path $TestDrive 'tickets.csv'
        $script:csvMarker = [guid]::NewGuid().ToString('N')
        @"
ticket_id,title,country,priority,due,batch
T-$csvMarker-1,Printer on fire,FR,high,2026-12-24T17:00:00+01:00,$csvMarker
T-$csvMarker-2,VPN down,DE,low,2026-12-31T09:30:00Z,$csvMarker
"@ | Set-Content $csv
    }

    It 'stores the columns that bind to no parameter as fields with -ExtraPropertiesAsFields, due as DueAt' {
        $made = Import-Csv $csv | New-FragmentTask -ExternalId { $_.ticket_id } -ExtraPropertiesAsFields -WarningVariable warned
        $warned | Should -BeNullOrEmpty
        $made.Count | Should -Be 2
        $made[0].country | Should -Be 'FR'
        $made[0].priority | Should -Be 'high'
        $made[0].ticket_id | Should -Be "T-$csvMarker-1"
        $made[0].DueAt | Should -Be ([datetimeoffset]'2026-12-24T16:00:00Z')
        $made[1].Uid | Should -Be (Get-FragmentTask -ExternalId "T-$csvMarker-2").Uid
    }

    It 'warns once per command, naming the columns it did not send' {
        $rows = Import-Csv $csv | ForEach-Object { $_.ticket_id += '-again'; $_ }
        $made = $rows | New-FragmentTask -ExternalId { $_.ticket_id } -WarningVariable warned -WarningAction SilentlyContinue
        $made.Count | Should -Be 2
        @($warned).Count | Should -Be 1
        $warned[0].Message | Should -Match 'batch, country, priority, ticket_id'
        $warned[0].Message | Should -Match '-ExtraPropertiesAsFields'
        $made[0].Fields.Keys | Should -Not -Contain 'country'
        # A column named after a parameter that cannot take it (Field, a string) is reported too.
        $null = [pscustomobject]@{ Title = 'with a Field column'; Field = 'oops' } | New-FragmentTask -WarningVariable warned2 -WarningAction SilentlyContinue
        $warned2[0].Message | Should -Match 'Field'
    }
}

Describe 'Prompts and -WhatIf' {
    It 'names the task by title and uid, and mentions batches only for piped input' {
        $log = Join-Path $TestDrive 'whatif-ops.txt'
        Start-Transcript $log | Out-Null
        try {
            Remove-FragmentTask -Uid $task.Uid -WhatIf
            Set-FragmentTask -Uid $task.Uid -Status DONE -WhatIf
            New-FragmentTask -Title 'dry run' -WhatIf
            $task | Set-FragmentTask -Status DONE -WhatIf
        }
        finally { Stop-Transcript | Out-Null }
        $text = Get-Content -Raw $log
        $title = [regex]::Escape("task '$($task.Title)' ($($task.Uid))")
        $text | Should -Match "`"Delete task`" on target `"$title`: DELETE "
        $text | Should -Match "`"Update task`" on target `"$title`: PATCH "
        $text | Should -Match "`"Create task`" on target `"task 'dry run' \("
        $text | Should -Match "`"Update task \(piped inputs go together as PATCH /tasks/batch\)`" on target `"$title"
        $text | Should -Not -Match 'Create task \(piped'
    }
}

Describe 'CSV out' {
    BeforeAll {
        $script:outMarker = [guid]::NewGuid().ToString('N')
        $null = New-FragmentTask -Title 'only country' -Field @{ country = 'FR'; out = $outMarker }
        $null = New-FragmentTask -Title 'only priority' -Field @{ priority = 'high'; out = $outMarker }
    }

    It 'gives every field named with -Property its own column, $null where a task lacks it' {
        $tasks = Get-FragmentTask -Filter @{ out = $outMarker } -Property country, priority
        ($tasks[0].psobject.Properties.Name | Where-Object { $_ -in 'country', 'priority', 'out' }) | Should -Be @('country', 'priority')
        $tasks[0].priority | Should -BeNullOrEmpty
        $csv = Join-Path $TestDrive 'out.csv'
        $tasks | Export-Csv $csv
        $rows = Import-Csv $csv
        $rows.Count | Should -Be 2
        ($rows | Where-Object Title -eq 'only priority').priority | Should -Be 'high'
        ($rows | Where-Object Title -eq 'only country').country | Should -Be 'FR'
        $rows[0].psobject.Properties.Name | Should -Not -Contain 'out'
    }
}

Describe 'Searching' {
    It 'warns when a -Filter key is a native key, naming the parameter' {
        $null = Get-FragmentTask -Filter @{ status = 'DONE' } -First 1 -WarningVariable warned -WarningAction SilentlyContinue
        @($warned).Count | Should -Be 1
        $warned[0].Message | Should -Match "'status' is a native key"
        $warned[0].Message | Should -Match 'Use -Status'
        $null = Get-FragmentTask -Filter @{ 'fields.status' = 'x'; country = 'FR' } -First 1 -WarningVariable quiet
        $quiet | Should -BeNullOrEmpty
    }

    It 'writes the total alone for -First 0 -IncludeTotalCount, with one limit=1 request' {
        $null = Invoke-EmulatorAdmin $emu DELETE stats
        $out = @(Get-FragmentTask -Filter @{ marker = $marker } -First 0 -IncludeTotalCount)
        $out.Count | Should -Be 1
        $out[0] | Should -Match 'Total count: 1'
        $stats = Invoke-EmulatorAdmin $emu GET stats
        ($stats.routes | Where-Object { $_.method -eq 'GET' -and $_.route -eq '/tasks' } | Measure-Object -Property count -Sum).Sum | Should -Be 1
    }

    It 'says how many tasks a search had written when an error ended it' {
        $null = 1..3 | ForEach-Object { New-FragmentTask -Title "paged $_" -Field @{ paged = $marker } }
        $rule = @{ method = 'GET'; route = '/tasks'; kind = 'status'; status = 500; sequence = @($false, $true) }
        $null = Invoke-EmulatorAdmin $emu POST faults @{ rules = @($rule) }
        try {
            $got = [System.Collections.Generic.List[object]]::new()
            $err = $null
            try { Get-FragmentTask -Filter @{ paged = $marker } -PageSize 2 | ForEach-Object { $got.Add($_) } } catch { $err = $_ }
        }
        finally { $null = Invoke-EmulatorAdmin $emu DELETE faults }
        $got.Count | Should -Be 2
        $err.FullyQualifiedErrorId | Should -Be 'FragmentServerError,FragmentPS.Commands.GetFragmentTaskCommand'
        $err.Exception.Message | Should -Match 'The search stopped after writing 2 tasks\.'
    }

    It 'completes -Filter hashtable keys with the field names the session has seen' {
        $null = Get-FragmentTask -Filter @{ marker = $marker }
        (Complete 'Get-FragmentTask -Filter @{mar').CompletionText | Should -Contain 'marker'
        (Complete 'Get-FragmentTask -Filter @{ marker = 1; ').CompletionText | Should -Not -Contain 'marker'
        (Complete 'Get-FragmentTask -Filter mar').CompletionText | Should -Contain '@{marker='
    }
}
