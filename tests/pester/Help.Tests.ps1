#Requires -Version 7.2
# The help of the BUILT module, as users get it from Get-Help: every exported cmdlet has a synopsis of
# its own (not the syntax PowerShell makes up when there is no help), a description, at least two
# examples and a description for every parameter; the about topics are found.
# build.ps1 sets FRAGMENTPS_MODULE_PATH to out/FragmentPS.

BeforeDiscovery {
    if (-not $env:FRAGMENTPS_MODULE_PATH) { throw 'Set FRAGMENTPS_MODULE_PATH to the built module (out/FragmentPS).' }
    # Discovery needs the cmdlets and their parameters to build the data-driven tests.
    $module = Import-Module $env:FRAGMENTPS_MODULE_PATH -Force -PassThru
    $common = [System.Management.Automation.Cmdlet]::CommonParameters

    # [Parameter(DontShow)] plumbing (such as an InputObject that only names error targets) is hidden
    # from users on purpose, and so from the help.
    function Test-Shown($Parameter) {
        @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and -not $_.DontShow }).Count -gt 0
    }

    $script:cmdlets = foreach ($name in @($module.ExportedCmdlets.Keys | Sort-Object)) {
        $command = Get-Command -Name $name -Module $module.Name -CommandType Cmdlet
        @{
            Name       = $name
            Parameters = @($command.Parameters.Values |
                            Where-Object { $_.Name -notin $common -and (Test-Shown $_) } |
                            Sort-Object Name |
                            ForEach-Object { @{ Cmdlet = $name; Parameter = $_.Name } })
            SetCount   = @($command.ParameterSets).Count
        }
    }
    $script:topics = @(
        @{ Topic = 'about_FragmentPS' }
        @{ Topic = 'about_FragmentPS_Testing' }
    )
}

BeforeAll {
    Import-Module $env:FRAGMENTPS_MODULE_PATH -Force
    $module = Get-Module FragmentPS
}

Describe 'The module' {
    It 'exports the cmdlets its manifest lists' {
        $manifest = Import-PowerShellDataFile (Join-Path $module.ModuleBase 'FragmentPS.psd1')
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    It 'ships its MAML help next to the assembly' {
        Join-Path $module.ModuleBase 'en-US/FragmentPS.dll-Help.xml' | Should -Exist
    }
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help -Name $Name -Full -ErrorAction Stop
    }

    It 'comes from the help file, not from the syntax' {
        $help.PSObject.Properties['ModuleName'].Value | Should -Be 'FragmentPS'
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without a help file, Get-Help makes the synopsis up from the syntax: 'Name [-Parameter] ...'.
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name*"
        $help.Synopsis | Should -Not -BeLike '*<CommonParameters>*'
        $help.Synopsis.Trim() | Should -Not -Match '\r|\n'
    }

    It 'has a description' {
        $text = @($help.description | ForEach-Object Text) -join "`n"
        $text.Trim().Length | Should -BeGreaterThan 100
    }

    It 'has at least two examples, each with code and remarks' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty
            (@($example.remarks | ForEach-Object Text) -join '').Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'has one syntax entry per parameter set' {
        @($help.syntax.syntaxItem).Count | Should -Be $SetCount
    }

    It 'describes its outputs' {
        $help.returnValues | Should -Not -BeNullOrEmpty
        (@($help.returnValues.returnValue.description | ForEach-Object Text) -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    # Get-FragmentSession has no parameters of its own.
    It 'describes -<Parameter>' -ForEach $Parameters -AllowNullOrEmptyForEach {
        $entry = @($help.parameters.parameter | Where-Object name -eq $Parameter)
        $entry.Count | Should -Be 1 -Because "Get-Help $Cmdlet should list -$Parameter once"
        $text = (@($entry[0].description | ForEach-Object Text) -join "`n").Trim()
        $text | Should -Not -BeNullOrEmpty -Because "-$Parameter of $Cmdlet needs a description"
    }
}

Describe 'Get-Help <Topic>' -ForEach $topics {
    It 'returns the topic' {
        $text = Get-Help -Name $Topic -ErrorAction Stop | Out-String
        $text | Should -Match "TOPIC\s+$Topic\b"
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'LONG DESCRIPTION'
        $text.Length | Should -BeGreaterThan 2000
    }
}

Describe 'about_FragmentPS ERRORS' {
    It 'lists every ErrorId the module can write, with its category' {
        $text = Get-Help -Name about_FragmentPS | Out-String
        $ids = [FragmentPS.Errors.ErrorIds].GetFields() | ForEach-Object { $_.GetValue($null) }
        $ids.Count | Should -BeGreaterThan 20
        $missing = @($ids | Where-Object { $text -notmatch "\b$_\s+[A-Z][A-Za-z]+\s" })
        $missing | Should -BeNullOrEmpty -Because 'scripts match on these, so the help must name each one'
    }
}
