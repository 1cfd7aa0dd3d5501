# Every request carries the token, so it goes to the session's base URI and nowhere else, however -Path is spelt.
BeforeAll {
    Import-Module $env:FRAGMENTPS_MODULE_PATH -Force
    $script:emu = Start-FragmentEmulator
    Connect-Fragment -BaseUri $emu.BaseUri -Token $emu.Token -RequestsPerMinute 0
    # Another loopback host: anything that reaches it has left the base URI.
    $script:elsewhere = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Parse('127.0.0.2'), 0)
    $elsewhere.Start()
    $script:port = $elsewhere.LocalEndpoint.Port
}

AfterAll {
    $elsewhere.Stop()
    Disconnect-Fragment
    Stop-FragmentEmulator
}

Describe 'Invoke-FragmentRestMethod -Path' {
    It 'refuses <Path> before sending anything' -ForEach @(
        @{ Path = '/http://127.0.0.2:{0}/x' }
        @{ Path = '//http://127.0.0.2:{0}/x' }
        @{ Path = ' /http://127.0.0.2:{0}/x' }
        @{ Path = '/https://127.0.0.2:{0}/x' }
        @{ Path = 'http://127.0.0.2:{0}/x' }
        @{ Path = 'tasks/../../../x' }
        @{ Path = '%2e%2e/%2e%2e/x' }
    ) {
        $p = $Path -f $port
        $verbose = Invoke-FragmentRestMethod -Method POST -Path $p -Body @{ a = 1 } -Verbose -ErrorVariable errs -ErrorAction SilentlyContinue 4>&1
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'FragmentInvalidPath,FragmentPS.Commands.InvokeFragmentRestMethodCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $elsewhere.Pending() | Should -BeFalse -Because 'no connection may reach another host'
        $verbose | Should -BeNullOrEmpty -Because 'no request is sent at all'
    }

    It 'refuses a path that leaves the base under -WhatIf too, and shows the real URL otherwise' {
        Invoke-FragmentRestMethod -Method POST -Path "/http://127.0.0.2:$port/x" -Body @{ a = 1 } -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'FragmentInvalidPath,*'
        $elsewhere.Pending() | Should -BeFalse
        # -WhatIf writes to the host: a transcript sees it.
        $transcript = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript -Path $transcript | Out-Null
        try { Invoke-FragmentRestMethod -Method POST -Path 'tasks/../tasks' -Body @{ fields = @{ title = 'x' } } -WhatIf }
        finally { Stop-Transcript | Out-Null }
        $shown = Get-Content -Raw $transcript
        $shown | Should -Match ([regex]::Escape("POST $($emu.BaseUri.AbsoluteUri.TrimEnd('/'))/tasks "))
    }

    It 'still reaches paths below the base' {
        (Invoke-FragmentRestMethod -Path '/accounts/me').name | Should -Not -BeNullOrEmpty
        (Invoke-FragmentRestMethod -Path "$($emu.BaseUri.AbsoluteUri.TrimEnd('/'))/accounts/me").name | Should -Not -BeNullOrEmpty
    }
}
