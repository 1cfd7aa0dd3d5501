# Reliability: the built module against the emulator's fault injection.
#  1. A seeded mixed workload of 500 operations under random 503s, 429s and dropped connections: afterwards the
#     emulator holds exactly what the user was told (no duplicate task or comment, last update wins).
#  2. 200 creates from ForEach-Object -Parallel on ONE token against a rate-limited emulator: the client limiter,
#     shared by every runspace, keeps the emulator from ever answering 429.
#  3. Deterministic (sequence-based) faults: what is retried, what is not, and what the user is told.
BeforeAll {
    Import-Module $env:FRAGMENTPS_MODULE_PATH -Force
    Import-Module (Join-Path $PSScriptRoot 'Support/EmulatorAdmin.psm1') -Force
    $script:emu = Start-FragmentEmulator

    # The fast, persistent connection every part uses: short backoffs, enough retries, no client limiter.
    function script:Connect-Fast([int] $MaximumRetryCount = 10) {
        Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0 -RetryIntervalSec 0.01 -MaximumRetryCount $MaximumRetryCount
    }
    function script:Reset-Emulator { $null = Invoke-EmulatorAdmin $emu POST reset }
    function script:Clear-Stats { $null = Invoke-EmulatorAdmin $emu DELETE stats }
    function script:Clear-Faults { $null = Invoke-EmulatorAdmin $emu DELETE faults }
    function script:Add-Fault([hashtable[]] $Rule) {
        $null = Invoke-EmulatorAdmin $emu POST faults @{ rules = @($Rule) }
    }
    function script:Get-Stats($Emulator = $emu) { Invoke-EmulatorAdmin $Emulator GET stats }
    # Requests the emulator counted for a method and route (and status, when given).
    function script:Get-Stat([string] $Method, [string] $Route, [Nullable[int]] $Status) {
        $rows = (Get-Stats).routes | Where-Object { $_.method -eq $Method -and $_.route -eq $Route -and ($null -eq $Status -or $_.status -eq $Status) }
        [int](($rows | Measure-Object -Property count -Sum).Sum)
    }
    # The uid the contract derives from an external id: MD5 of the UTF-8 text, its hex digits read as a UUID.
    function script:Get-ExternalUid([string] $Id) {
        [guid]::new([Convert]::ToHexString([System.Security.Cryptography.MD5]::HashData([Text.Encoding]::UTF8.GetBytes($Id))))
    }
    function script:Get-Messages($Records, [string] $Like) {
        @($Records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like $Like } | ForEach-Object Message)
    }
}

AfterAll {
    Disconnect-Fragment
    Stop-FragmentEmulator
}

Describe 'A mixed workload of 500 operations under seeded faults' {
    BeforeAll {
        Reset-Emulator
        Connect-Fast
        $script:clock = [Diagnostics.Stopwatch]::StartNew()
        $script:marker = 'rel-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $script:statuses = 'TODO', 'STARTED', 'DONE'

        # Every operation: what was asked (its input) and what the user got back.
        $script:ops = [System.Collections.Generic.List[object]]::new()
        $script:strays = [System.Collections.Generic.List[object]]::new()   # errors that name no input of their call
        $script:retries = 0
        $script:attempts = 0
        $script:createdOk = [System.Collections.Generic.List[guid]]::new()

        function script:New-Op([string] $Kind, [string] $Via, [string] $Name, $Spec) {
            $op = [pscustomobject]@{
                Id = $ops.Count; Kind = $Kind; Via = $Via; Name = $Name; Input = $Spec
                Outputs = [System.Collections.Generic.List[object]]::new()
                Errors = [System.Collections.Generic.List[object]]::new()
                Outcome = $null; ErrorId = $null
            }
            $ops.Add($op)
            $op
        }
        # An error names an input when its TargetObject is that input (the title, the uid, or the piped row)
        # or when its message contains the input's name.
        function script:Test-ErrorNames($ErrorRecord, $Op) {
            $t = $ErrorRecord.TargetObject
            if ($null -ne $t) {
                if ("$t" -eq $Op.Name) { return $true }
                if ($t -is [psobject] -and $t.PSObject.Properties['Title'] -and $t.Title -eq $Op.Name) { return $true }
                if ($t -is [psobject] -and $t.PSObject.Properties['Uid'] -and "$($t.Uid)" -eq $Op.Name) { return $true }
            }
            $ErrorRecord.Exception.Message -match [regex]::Escape($Op.Name)
        }
        # Sorts one call's output, errors and verbose lines to the operations of that call.
        function script:Complete-Call($CallOps, $Records, $Errs, [scriptblock] $OutputName) {
            $script:retries += (Get-Messages $Records 'Retrying *').Count
            $script:attempts += @($Records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match ' -> .+ \(\d+ ms, attempt \d+\)$' }).Count
            foreach ($o in @($Records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })) {
                $name = & $OutputName $o
                $match = @($CallOps | Where-Object Name -EQ $name)
                if ($match.Count -eq 1) { $match[0].Outputs.Add($o) } else { $strays.Add($o) }
            }
            foreach ($e in @($Errs)) {
                $match = @($CallOps | Where-Object { Test-ErrorNames $e $_ })
                if ($match.Count -eq 1) { $match[0].Errors.Add($e) } else { $strays.Add($e) }
            }
            foreach ($op in $CallOps) {
                $op.Outcome = if ($op.Outputs.Count -eq 1 -and $op.Errors.Count -eq 0) { 'ok' }
                elseif ($op.Outputs.Count -eq 0 -and $op.Errors.Count -ge 1) { 'error' }
                else { 'inconsistent' }
                if ($op.Errors.Count) { $op.ErrorId = $op.Errors[0].FullyQualifiedErrorId.Split(',')[0] }
                if ($op.Kind -eq 'create' -and $op.Outcome -eq 'ok') { $createdOk.Add($op.Outputs[0].Uid) }
            }
        }

        # Faults on every /api/v1 route, each rule with its own seed. A request draws every rule and the first
        # one that fires decides, so the later rules' chances are conditional on the earlier ones not firing:
        # that makes the overall rates exactly 10% 503, 5% 429 (half with Retry-After: 1), 3% drop_before, 2% drop_after.
        Clear-Stats
        Add-Fault @(
            @{ method = '*'; route = '*'; kind = 'status'; status = 503; probability = 0.10; seed = 11 }
            @{ method = '*'; route = '*'; kind = 'status'; status = 429; retry_after = 1; probability = 0.025 / 0.90; seed = 12 }
            @{ method = '*'; route = '*'; kind = 'status'; status = 429; probability = 0.025 / 0.875; seed = 13 }
            @{ method = '*'; route = '*'; kind = 'drop_before'; probability = 0.03 / 0.85; seed = 14 }
            @{ method = '*'; route = '*'; kind = 'drop_after'; probability = 0.02 / 0.82; seed = 15 }
        )

        $rng = [System.Random]::new(20250611)
        $total = 500
        while ($ops.Count -lt $total) {
            $left = $total - $ops.Count
            $roll = $rng.NextDouble()
            if ($createdOk.Count -lt 5) { $roll = 0.06 }
            $bs = if ($rng.Next(2)) { 100 } else { 7 }   # 7: several batch requests (and a lone PUT) in one call
            if ($roll -lt 0.05 -and $left -ge 2) {
                # A pipeline of rows through POST /tasks/batch: some with a uid, some with an external id, some with neither.
                $rows = foreach ($i in 1..([Math]::Min($left, $rng.Next(10, 21)))) {
                    $id = $ops.Count
                    $name = 'rel #{0:d4}' -f $id
                    $ext = "$marker-ext-$id"
                    $row = [ordered]@{ Title = $name; Field = @{ run = $marker; op = $id; rev = 0 } }
                    switch ($rng.Next(3)) {
                        0 { $row.Uid = [guid]::NewGuid() }
                        1 { $row.ExternalId = $ext; $row.Field.ext = $ext }
                    }
                    $row = [pscustomobject] $row
                    $null = New-Op 'create' 'pipeline' $name $row
                    $row
                }
                $callOps = $ops.GetRange($ops.Count - @($rows).Count, @($rows).Count)
                $recs = @($rows | New-FragmentTask -BatchSize $bs -ErrorVariable errs -ErrorAction SilentlyContinue -Verbose 4>&1)
                Complete-Call $callOps $recs $errs { param($o) $o.Title }
            }
            elseif ($roll -lt 0.20) {
                # One create: POST /tasks with the uid chosen on the client.
                $id = $ops.Count
                $name = 'rel #{0:d4}' -f $id
                $ext = "$marker-ext-$id"
                $params = @{ Title = $name; Field = @{ run = $marker; op = $id; rev = 0 } }
                switch ($rng.Next(3)) {
                    0 { $params.Uid = [guid]::NewGuid() }
                    1 { $params.ExternalId = $ext; $params.Field.ext = $ext }
                }
                $op = New-Op 'create' 'single' $name $params
                $recs = @(New-FragmentTask @params -ErrorVariable errs -ErrorAction SilentlyContinue -Verbose 4>&1)
                Complete-Call @($op) $recs $errs { param($o) $o.Title }
            }
            elseif ($roll -lt 0.25 -and $left -ge 2 -and $createdOk.Count -ge 4) {
                # Rows of changes through PATCH /tasks/batch (distinct tasks in one call); -InputProperty names the columns to write.
                $count = [Math]::Min($left, $rng.Next(4, 11))
                $targets = @($createdOk | Sort-Object { $rng.Next() } | Select-Object -First $count)
                $rows = foreach ($uid in $targets) {
                    $id = $ops.Count
                    $row = [pscustomobject]@{ Uid = $uid; Status = $statuses[$rng.Next(3)]; Url = "https://example.com/$marker/$id" }
                    $null = New-Op 'update' 'pipeline' "$uid" $row
                    $row
                }
                $callOps = $ops.GetRange($ops.Count - $targets.Count, $targets.Count)
                $recs = @($rows | Set-FragmentTask -InputProperty Status, Url -PassThru -BatchSize $bs -ErrorVariable errs -ErrorAction SilentlyContinue -Verbose 4>&1)
                Complete-Call $callOps $recs $errs { param($o) "$($o.Uid)" }
            }
            elseif ($roll -lt 0.55) {
                # One change: PATCH /tasks/{uid}.
                $id = $ops.Count
                $uid = $createdOk[$rng.Next($createdOk.Count)]
                $params = @{ Uid = $uid; Status = $statuses[$rng.Next(3)]; Url = "https://example.com/$marker/$id"; Field = @{ rev = $id } }
                $op = New-Op 'update' 'single' "$uid" $params
                $recs = @(Set-FragmentTask @params -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue -Verbose 4>&1)
                Complete-Call @($op) $recs $errs { param($o) "$($o.Uid)" }
            }
            else {
                # One comment: POST /tasks/{uid}/comments, never retried after an ambiguous failure.
                $id = $ops.Count
                $uid = $createdOk[$rng.Next($createdOk.Count)]
                $params = @{ Uid = $uid; Content = ('comment #{0:d4} from {1}' -f $id, $marker) }
                $op = New-Op 'comment' 'single' "$uid" $params
                $recs = @(Add-FragmentComment @params -ErrorVariable errs -ErrorAction SilentlyContinue -Verbose 4>&1)
                Complete-Call @($op) $recs $errs { param($o) "$($o.TaskUid)" }
            }
        }
        $script:workloadSeconds = $clock.Elapsed.TotalSeconds

        # What the faults did, then no faults for reading the state back.
        $script:faultRules = (Invoke-EmulatorAdmin $emu GET faults).rules
        $script:workloadStats = Get-Stats
        Clear-Faults

        # ---- the emulator's state, read back through the module --------------------------------------------
        $script:found = @(Get-FragmentTask -Filter @{ run = $marker } -PageSize 100 -ErrorAction Stop)
        $script:comments = @($found | ForEach-Object { Get-FragmentComment -Uid $_.Uid -ErrorAction Stop })
        $script:allTasks = (Invoke-EmulatorAdmin $emu GET stats).tasks

        $creates = @($ops | Where-Object Kind -EQ 'create')
        $script:byTitle = @{}
        foreach ($group in ($found | Group-Object Title)) { $byTitle[$group.Name] = @($group.Group) }
        $script:commentCount = @{}
        foreach ($c in $comments) { $commentCount[$c.Content] = 1 + [int]$commentCount[$c.Content] }

        $script:dupUids = @($found | Group-Object Uid | Where-Object Count -GT 1)
        $script:dupTitles = @($found | Group-Object Title | Where-Object Count -GT 1)
        $script:dupExt = @($found | Where-Object { $_.Fields.ext } | Group-Object { $_.Fields.ext } | Where-Object Count -GT 1)
        $script:dupComments = @($commentCount.GetEnumerator() | Where-Object Value -GT 1)
        $script:duplicates = $dupUids.Count + $dupTitles.Count + $dupExt.Count + $dupComments.Count

        # ---- the summary ------------------------------------------------------------------------------------
        $succeeded = @($ops | Where-Object Outcome -EQ 'ok').Count
        $errorsById = ($ops | Where-Object Outcome -EQ 'error' | Group-Object ErrorId | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ', '
        $kinds = ($ops | Group-Object Kind, Via | ForEach-Object { "$($_.Name -replace ', ', '/')=$($_.Count)" }) -join ', '
        $fired = ($faultRules | ForEach-Object { "$($_.kind)$(if ($_.kind -eq 'status') { " $($_.status)" })$(if ($_.retry_after) { " retry_after $($_.retry_after)" })=$($_.fired)" }) -join ', '
        Write-Host "Reliability workload: operations=$($ops.Count) ($kinds) in $([Math]::Round($workloadSeconds, 1)) s"
        Write-Host "  succeeded=$succeeded errors=$(@($ops | Where-Object Outcome -EQ 'error').Count) ($(if ($errorsById) { $errorsById } else { 'none' }))"
        Write-Host "  retries seen=$retries attempts logged=$attempts requests served=$($workloadStats.total_requests) faults fired: $fired"
        Write-Host "  tasks=$($found.Count) (creates $($creates.Count)) comments=$($comments.Count) duplicates=$duplicates stray outputs/errors=$($strays.Count)"
    }

    It 'ran 500 operations of every kind' {
        $ops.Count | Should -Be 500
        foreach ($kind in 'create/single', 'create/pipeline', 'update/single', 'update/pipeline', 'comment/single') {
            @($ops | Where-Object { "$($_.Kind)/$($_.Via)" -eq $kind }).Count | Should -BeGreaterThan 10 -Because "the mix has $kind operations"
        }
        $routes = @($workloadStats.routes | ForEach-Object { "$($_.method) $($_.route)" } | Sort-Object -Unique)
        foreach ($route in 'POST /tasks', 'POST /tasks/batch', 'PATCH /tasks/{uid}', 'PATCH /tasks/batch', 'POST /tasks/{uid}/comments') {
            $routes | Should -Contain $route -Because 'the workload goes through single and batch endpoints'
        }
    }

    It 'had every fault fire, and the client retried' {
        foreach ($rule in $faultRules) { $rule.fired | Should -BeGreaterThan 0 -Because "the $($rule.kind) $($rule.status) rule should have fired" }
        $retries | Should -BeGreaterThan 20
    }

    It 'gave every operation either its object or an error naming its input, never both, never neither' {
        @($ops | Where-Object Outcome -NE 'ok' | Where-Object Outcome -NE 'error' | ForEach-Object { "$($_.Kind) $($_.Name): $($_.Outputs.Count) outputs, $($_.Errors.Count) errors" }) |
            Should -BeNullOrEmpty
        @($strays | ForEach-Object { "$_" }) | Should -BeNullOrEmpty -Because 'every output and error belongs to exactly one input of its call'
        foreach ($op in @($ops | Where-Object Outcome -EQ 'error')) {
            $op.Errors.Count | Should -Be 1 -Because "one input gets one error ($($op.Kind) $($op.Name))"
        }
    }

    It 'retried every create and update until it succeeded (a create under a client uid cannot apply twice; PATCH is idempotent)' {
        @($ops | Where-Object { $_.Kind -ne 'comment' -and $_.Outcome -ne 'ok' } | ForEach-Object { "$($_.Kind) $($_.Name): $($_.Errors[0])" }) |
            Should -BeNullOrEmpty
    }

    It 'failed comments only as not retried (503) or outcome unknown (dropped connection)' {
        $ids = @($ops | Where-Object { $_.Kind -eq 'comment' -and $_.Outcome -eq 'error' } | ForEach-Object ErrorId | Sort-Object -Unique)
        $ids | Where-Object { $_ -notin 'FragmentServerError', 'FragmentOutcomeUnknown' } | Should -BeNullOrEmpty
        $ids | Should -Contain 'FragmentServerError'
        $ids | Should -Contain 'FragmentOutcomeUnknown'
    }

    It 'sent exactly the attempts the client logged: no hidden retry below the retry table' {
        $workloadStats.total_requests | Should -Be $attempts
    }

    It 'holds exactly the created tasks, each once, under the expected uid' {
        @($dupUids + $dupTitles + $dupExt | ForEach-Object { "$($_.Name) x$($_.Count)" }) | Should -BeNullOrEmpty -Because 'no uid, title or external id is there twice'
        $known = @{}
        foreach ($op in @($ops | Where-Object Kind -EQ 'create')) {
            $known[$op.Name] = $true
            $have = @($byTitle[$op.Name])
            if ($op.Outcome -eq 'ok') {
                $have.Count | Should -Be 1 -Because "$($op.Name) was created"
                $have[0].Uid | Should -Be $op.Outputs[0].Uid
                if ($op.Input.ExternalId) { $have[0].Uid | Should -Be (Get-ExternalUid $op.Input.ExternalId) }
                if ($op.Input.Uid) { $have[0].Uid | Should -Be $op.Input.Uid }
            }
            else {
                $have.Count | Should -BeLessOrEqual 1 -Because "$($op.Name) failed, so it exists at most once"
            }
        }
        @($found | Where-Object { -not $known[$_.Title] } | ForEach-Object Title) | Should -BeNullOrEmpty -Because 'no task was made that nobody asked for'
        $allTasks | Should -Be $found.Count
    }

    It 'keeps the values of the last successful update of each task' {
        # The states a task may be in: one, unless a failed update (whose effect is unknown) came after it.
        $possible = @{}
        foreach ($op in $ops) {
            if ($op.Kind -eq 'create' -and $op.Outcome -eq 'ok') {
                $possible["$($op.Outputs[0].Uid)"] = @([pscustomobject]@{ Status = 'TODO'; Url = $null; Rev = 0 })
            }
            elseif ($op.Kind -eq 'update') {
                $key = $op.Name
                $applied = foreach ($s in $possible[$key]) {
                    [pscustomobject]@{
                        Status = $op.Input.Status
                        Url = $op.Input.Url
                        Rev = if ($op.Input.Field) { $op.Input.Field.rev } else { $s.Rev }
                    }
                }
                $possible[$key] = if ($op.Outcome -eq 'ok') { @($applied) } else { @($possible[$key]) + @($applied) }
            }
        }
        $checked = 0
        foreach ($task in $found) {
            $states = $possible["$($task.Uid)"]
            if (-not $states) { continue }
            $actual = "$($task.Status)|$($task.Url)|$($task.Fields.rev)"
            $expected = @($states | ForEach-Object { "$($_.Status)|$($_.Url)|$($_.Rev)" })
            $expected | Should -Contain $actual -Because "task $($task.Title) ($($task.Uid)) must show its last successful update"
            $checked++
        }
        $checked | Should -Be @($ops | Where-Object { $_.Kind -eq 'create' -and $_.Outcome -eq 'ok' }).Count
    }

    It 'has each successful comment once, each unknown one at most once, each refused one never' {
        $dupComments | ForEach-Object { "$($_.Key) x$($_.Value)" } | Should -BeNullOrEmpty
        $asked = @{}
        foreach ($op in @($ops | Where-Object Kind -EQ 'comment')) {
            $asked[$op.Input.Content] = $true
            $n = [int]$commentCount[$op.Input.Content]
            switch ($op.Outcome) {
                'ok' { $n | Should -Be 1 -Because "'$($op.Input.Content)' was added" }
                'error' {
                    if ($op.ErrorId -eq 'FragmentOutcomeUnknown') { $n | Should -BeLessOrEqual 1 -Because "'$($op.Input.Content)' may or may not have been added" }
                    else { $n | Should -Be 0 -Because "'$($op.Input.Content)' failed with $($op.ErrorId)" }
                }
            }
        }
        @($comments | Where-Object { -not $asked[$_.Content] } | ForEach-Object Content) | Should -BeNullOrEmpty
        foreach ($c in $comments) {
            $op = $ops | Where-Object { $_.Kind -eq 'comment' -and $_.Input.Content -eq $c.Content }
            $c.TaskUid | Should -Be $op.Input.Uid -Because 'a comment lands on the task it was added to'
        }
    }
}

Describe 'ForEach-Object -Parallel on one token against the rate limit' {
    BeforeAll {
        # The real API allows 60 requests a minute with small bursts. At that rate 200 creates would take over
        # three minutes, so this emulator runs the same token bucket ten times faster: 600 a minute, burst 10.
        # What is tested does not depend on the rate: 8 runspaces at once, one token, one shared client limiter
        # set to the same numbers, against a server that refuses anything over them.
        $script:limited = Start-FragmentEmulator -RequestsPerMinute 600 -Burst 10
        Connect-Fragment -BaseUri $limited.BaseUri -Token $limited.Token -RequestsPerMinute 600 -Burst 10
    }

    AfterAll {
        Stop-FragmentEmulator -Emulator $limited
        Connect-Fast
    }

    It 'creates 200 tasks from 8 runspaces with no error and no 429' {
        $modulePath = $env:FRAGMENTPS_MODULE_PATH
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $all = @(1..200 | ForEach-Object -Parallel {
                Import-Module $using:modulePath
                New-FragmentTask -Title "parallel $_" -ExternalId "par-$_"
            } -ThrottleLimit 8 2>&1)
        $seconds = $clock.Elapsed.TotalSeconds
        $errs = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $made = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        $stats = Get-Stats $limited
        $held = @(Get-FragmentTask -PageSize 100 | Where-Object Title -Like 'parallel *')
        Write-Host "Parallel: 200 creates from 8 runspaces on one token in $([Math]::Round($seconds, 1)) s; errors=$($errs.Count); tasks held=$($held.Count); requests=$($stats.total_requests); 429s served=$($stats.rate_limited)"

        @($errs | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) | Should -BeNullOrEmpty
        $made.Count | Should -Be 200
        @($made.Uid | Sort-Object -Unique).Count | Should -Be 200
        $held.Count | Should -Be 200
        @($held.Title | Sort-Object -Unique).Count | Should -Be 200
        foreach ($t in $held) { $t.Uid | Should -Be (Get-ExternalUid ('par-' + ($t.Title -replace '^parallel ', ''))) }
        $stats.rate_limited | Should -Be 0 -Because 'every runspace takes its turn from the one client limiter of the token'
    }
}

Describe 'Deterministic faults' {
    BeforeAll {
        Reset-Emulator
        Connect-Fast
        $script:task = New-FragmentTask -Title 'deterministic faults'
    }

    BeforeEach { Clear-Stats }
    AfterEach { Clear-Faults }

    It 'retries a create whose POST was dropped after it was applied, finds its own task and reports no error' {
        $ext = 'drop-after-' + [guid]::NewGuid().ToString('N')
        $before = (Invoke-EmulatorAdmin $emu GET stats).tasks
        Add-Fault @{ method = 'POST'; route = '/tasks'; kind = 'drop_after'; sequence = @($true) }
        $recs = @(New-FragmentTask -Title 'dropped after apply' -ExternalId $ext -Field @{ case = $ext } -ErrorVariable errs -ErrorAction SilentlyContinue -Verbose 4>&1)
        $errs | Should -BeNullOrEmpty
        $made = @($recs | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $made.Count | Should -Be 1
        $made[0].Uid | Should -Be (Get-ExternalUid $ext)
        (Get-Messages $recs 'Retrying *').Count | Should -Be 1
        Get-Stat POST '/tasks' 0 | Should -Be 1
        Get-Stat POST '/tasks' 403 | Should -Be 1 -Because 'the retry finds the uid taken by the first attempt'
        Get-Stat GET '/tasks/{uid}' 200 | Should -Be 1 -Because 'the stored task is read back and holds what was asked'
        @(Get-FragmentTask -Filter @{ case = $ext }).Count | Should -Be 1
        (Invoke-EmulatorAdmin $emu GET stats).tasks | Should -Be ($before + 1)
    }

    It 'retries a batch create dropped after it was applied, leaving each task once' {
        $case = [guid]::NewGuid().ToString('N')
        Add-Fault @{ method = 'POST'; route = '/tasks/batch'; kind = 'drop_after'; sequence = @($true) }
        $rows = 1..5 | ForEach-Object { [pscustomobject]@{ Title = "batch $_"; Field = @{ case = $case } } }
        $made = @($rows | New-FragmentTask -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs | Should -BeNullOrEmpty
        $made.Count | Should -Be 5
        Get-Stat POST '/tasks/batch' | Should -Be 2
        Get-Stat PATCH '/tasks/batch' 200 | Should -Be 1 -Because 'one no-op PATCH reads the five taken uids back'
        $held = @(Get-FragmentTask -Filter @{ case = $case })
        $held.Count | Should -Be 5
        @($held.Title | Sort-Object -Unique).Count | Should -Be 5
    }

    It 'does not retry a comment dropped after it was applied: outcome unknown, and one comment' {
        $content = 'dropped comment ' + [guid]::NewGuid()
        Add-Fault @{ method = 'POST'; route = '/tasks/{uid}/comments'; kind = 'drop_after'; sequence = @($true) }
        $out = Add-FragmentComment -Uid $task.Uid -Content $content -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentOutcomeUnknown,FragmentPS.Commands.AddFragmentCommentCommand'
        $errs[0].Exception.Message | Should -Match ([regex]::Escape("$($task.Uid)"))
        $errs[0].TargetObject | Should -Be $task.Uid
        Get-Stat POST '/tasks/{uid}/comments' | Should -Be 1
        @(Get-FragmentComment -Uid $task.Uid | Where-Object Content -EQ $content).Count | Should -Be 1
    }

    It 'does not retry a comment refused with 503: a server error, and no comment' {
        $content = 'refused comment ' + [guid]::NewGuid()
        Add-Fault @{ method = 'POST'; route = '/tasks/{uid}/comments'; kind = 'status'; status = 503; sequence = @($true) }
        Add-FragmentComment -Uid $task.Uid -Content $content -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentServerError,FragmentPS.Commands.AddFragmentCommentCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $errs[0].Exception.Message | Should -Match '503'
        Get-Stat POST '/tasks/{uid}/comments' | Should -Be 1
        Get-Stat POST '/tasks/{uid}/comments' 503 | Should -Be 1
        @(Get-FragmentComment -Uid $task.Uid | Where-Object Content -EQ $content).Count | Should -Be 0
    }

    It 'retries a GET through two 503s and says so twice with -Verbose' {
        Add-Fault @{ method = 'GET'; route = '/tasks/{uid}'; kind = 'status'; status = 503; sequence = @($true, $true) }
        $recs = @(Get-FragmentTask -Uid $task.Uid -ErrorVariable errs -ErrorAction SilentlyContinue -Verbose 4>&1)
        $errs | Should -BeNullOrEmpty
        @($recs | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Uid | Should -Be $task.Uid
        $retrying = Get-Messages $recs 'Retrying*'
        $retrying.Count | Should -Be 2
        $retrying | ForEach-Object { $_ | Should -Match '503' }
        Get-Stat GET '/tasks/{uid}' 503 | Should -Be 2
        Get-Stat GET '/tasks/{uid}' 200 | Should -Be 1
    }

    It 'gives up after the allowed retries, saying how many attempts and the last status' {
        Connect-Fast -MaximumRetryCount 2
        try {
            # Three different statuses, so the message must name the LAST one.
            Add-Fault @(
                @{ method = 'GET'; route = '/tasks/{uid}'; kind = 'status'; status = 503; sequence = @($true, $false, $false) }
                @{ method = 'GET'; route = '/tasks/{uid}'; kind = 'status'; status = 502; sequence = @($false, $true, $false) }
                @{ method = 'GET'; route = '/tasks/{uid}'; kind = 'status'; status = 504; sequence = @($false, $false, $true) }
            )
            Get-FragmentTask -Uid $task.Uid -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentServerError,FragmentPS.Commands.GetFragmentTaskCommand'
            $errs[0].Exception.Message | Should -Match 'after 3 attempts'
            $errs[0].Exception.Message | Should -Match '-> 504\b'
            $errs[0].Exception.Attempts | Should -Be 3
            $errs[0].Exception.StatusCode | Should -Be 504
            Get-Stat GET '/tasks/{uid}' | Should -Be 3
        }
        finally { Connect-Fast }
    }

    It 'retries a comment refused with 429 after its Retry-After, and adds it once' {
        $content = 'throttled comment ' + [guid]::NewGuid()
        Add-Fault @{ method = 'POST'; route = '/tasks/{uid}/comments'; kind = 'status'; status = 429; retry_after = 1; sequence = @($true) }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $c = Add-FragmentComment -Uid $task.Uid -Content $content -ErrorVariable errs -ErrorAction SilentlyContinue
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.95 -Because 'the client waits the Retry-After of 1 s'
        $errs | Should -BeNullOrEmpty
        $c.Content | Should -Be $content
        Get-Stat POST '/tasks/{uid}/comments' 429 | Should -Be 1
        Get-Stat POST '/tasks/{uid}/comments' 200 | Should -Be 1
        @(Get-FragmentComment -Uid $task.Uid | Where-Object Content -EQ $content).Count | Should -Be 1
    }
}
