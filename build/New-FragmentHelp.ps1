<#
.SYNOPSIS
    Builds the module's help: en-US/FragmentPS.dll-Help.xml (MAML for the binary cmdlets) and the
    about_*.help.txt topics, from the sources in docs/help.
.DESCRIPTION
    The text comes from docs/help/<Cmdlet-Name>.psd1 (Synopsis, Description, Parameters, Examples,
    Outputs, and optionally Inputs, Notes, RelatedLinks, DefaultValues). Everything that describes the
    shape of a command (parameter sets, types, mandatory, position, pipeline input, aliases, valid
    values, default values, output types) comes from the BUILT module, read by a child pwsh so that this
    process never loads the module's assemblies.

    The script fails (it throws, so the build stops), naming every problem at once, when an exported
    cmdlet has no help source, when a cmdlet has no Synopsis, Description or Outputs, when one of its
    parameters has no text, when the text names a parameter the cmdlet does not have, when a cmdlet has
    fewer than two examples, or when an about topic lacks its standard sections or has lines over 100
    characters. Parameters marked [Parameter(DontShow)] are plumbing and stay undocumented.

    It writes $ModuleDir/en-US/FragmentPS.dll-Help.xml and copies the about_*.help.txt topics there.
.EXAMPLE
    ./build/New-FragmentHelp.ps1 -SourceDir docs/help -ModuleDir out/FragmentPS/0.1.0
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $SourceDir,
    [Parameter(Mandatory)] [string] $ModuleDir
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$clock = [System.Diagnostics.Stopwatch]::StartNew()
$SourceDir = (Resolve-Path -LiteralPath $SourceDir).ProviderPath
$ModuleDir = (Resolve-Path -LiteralPath $ModuleDir).ProviderPath
$manifestPath = Join-Path $ModuleDir 'FragmentPS.psd1'
if (-not (Test-Path -LiteralPath $manifestPath)) { throw "New-FragmentHelp: no module manifest at $manifestPath." }

# Common parameters are left out (Get-Help adds its own <CommonParameters> note). WhatIf and Confirm are
# documented with this text, the same for every cmdlet that has them.
$ShouldProcessText = @{
    WhatIf  = 'Shows what would happen if the cmdlet ran, and sends nothing. FragmentPS prints the exact ' +
              'request that would be sent: the method, the full URL and the JSON body (never a header, so ' +
              'never the token).'
    Confirm = 'Asks for confirmation before each request that changes data. The prompt shows the method, ' +
              'URL and JSON body of the request.'
}
$KnownKeys = 'Synopsis', 'Description', 'Parameters', 'Examples', 'Inputs', 'Outputs', 'Notes', 'RelatedLinks', 'DefaultValues'

# ---- Text helpers ------------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold (control characters, U+FFFE/U+FFFF, lone surrogates) are dropped from
# every text with this pattern; the XmlWriter escapes <, >, & and quotes itself.
$script:InvalidXmlChars = [regex]::new('[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]')

# Text -> paragraphs. Blank lines separate paragraphs; inside one, soft-wrapped lines are joined, while a
# line that starts a list item ('- ', '* ', '1. ') or is indented keeps its own line. (Plain loops: this
# runs for every description, and pipelines would make the build slow.)
$script:ParagraphCache = @{}
function Split-Paragraph([string] $Text) {
    if ($null -eq $Text) { return @() }
    if ($script:ParagraphCache.ContainsKey($Text)) { return $script:ParagraphCache[$Text] }
    $normal = ($Text -replace "`r`n?", "`n").Trim("`n")
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    foreach ($block in [regex]::Split($normal, '\n[ \t]*\n')) {
        $lines = [System.Collections.Generic.List[string]]::new()
        $indent = [int]::MaxValue
        foreach ($raw in $block.Split("`n")) {
            $line = $raw.TrimEnd()
            if ($line.Length -eq 0) { continue }
            $lines.Add($line)
            $lead = $line.Length - $line.TrimStart().Length
            if ($lead -lt $indent) { $indent = $lead }
        }
        if ($lines.Count -eq 0) { continue }
        $out = [System.Text.StringBuilder]::new()
        foreach ($line in $lines) {
            $line = $line.Substring($indent)
            if ($out.Length -eq 0) { $null = $out.Append($line) }
            elseif ($line -match '^(\s|[-*]\s|\d+\.\s)') { $null = $out.Append("`n").Append($line) }
            else { $null = $out.Append(' ').Append($line.Trim()) }
        }
        $paragraphs.Add($out.ToString())
    }
    $result = $paragraphs.ToArray()
    $script:ParagraphCache[$Text] = $result
    $result
}

# ---- 1. The module's metadata, from a child pwsh ---------------------------------------------------

Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force

$childScript = @'
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
Set-StrictMode -Version 3.0
$manifest = '{MANIFEST}'
$names = @((Import-PowerShellDataFile -LiteralPath $manifest).CmdletsToExport)
$outFile = '{OUTFILE}'
$module = Import-Module -Name $manifest -PassThru -Force -DisableNameChecking
$skip = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
foreach ($n in [System.Management.Automation.Cmdlet]::CommonParameters) { $null = $skip.Add($n) }
foreach ($n in [System.Management.Automation.Cmdlet]::OptionalCommonParameters) { if ($n -ne 'WhatIf' -and $n -ne 'Confirm') { $null = $skip.Add($n) } }

# A default value as text, or $null when there is nothing worth showing (a switch, an empty Guid or list).
# This script uses foreach statements, not pipelines: it runs for every parameter of every cmdlet at each
# build, and each pipeline stage is a command invocation of its own.
function Format-Default($value) {
    if ($null -eq $value -or $value -is [System.Management.Automation.SwitchParameter]) { return $null }
    if ($value -is [guid] -and $value -eq [guid]::Empty) { return $null }
    if ($value -is [System.Collections.IEnumerable] -and $value -isnot [string]) {
        $items = [System.Collections.Generic.List[string]]::new()
        foreach ($item in $value) { $text = Format-Default $item; if ($text) { $items.Add($text) } }
        if ($items.Count -eq 0) { return $null }
        return $items -join ', '
    }
    $text = [System.Convert]::ToString($value, [cultureinfo]::InvariantCulture)
    if ([string]::IsNullOrEmpty($text)) { return $null }
    $text
}

$result = [System.Collections.Generic.List[object]]::new()
foreach ($name in $names) {
    # ExportedCmdlets, not Get-Command: the same CmdletInfo, without a command search per name.
    $cmd = $module.ExportedCmdlets[$name]
    if (-not $cmd) { $result.Add([ordered]@{ Name = $name; Missing = $true }); continue }
    $instance = $null
    try { $instance = [System.Activator]::CreateInstance($cmd.ImplementingType) } catch { $instance = $null }
    $cmdletAttr = $null
    foreach ($a in $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)) { $cmdletAttr = $a }
    $hidden = [System.Collections.Generic.List[string]]::new()
    $parameters = [System.Collections.Generic.List[object]]::new()
    foreach ($p in $cmd.Parameters.Values) {
        if ($skip.Contains($p.Name)) { continue }
        # [Parameter(DontShow)] plumbing (e.g. InputObject that only names error targets) is not documented.
        $visible = $false
        foreach ($a in $p.Attributes) { if ($a -is [System.Management.Automation.ParameterAttribute] -and -not $a.DontShow) { $visible = $true } }
        if (-not $visible) { $hidden.Add($p.Name); continue }
        $type = $p.ParameterType
        $underlying = [System.Nullable]::GetUnderlyingType($type)
        $shown = if ($underlying) { $underlying } else { $type }
        $element = if ($shown.IsArray) { $shown.GetElementType() } else { $shown }
        $valid = [System.Collections.Generic.List[string]]::new()
        foreach ($a in $p.Attributes) {
            if ($a -is [System.Management.Automation.ValidateSetAttribute]) { foreach ($v in $a.ValidValues) { $valid.Add("$v") } }
        }
        if ($valid.Count -eq 0 -and $element.IsEnum) { foreach ($v in [System.Enum]::GetNames($element)) { $valid.Add($v) } }
        $default = $null
        if ($instance) {
            $prop = $cmd.ImplementingType.GetProperty($p.Name)
            if ($prop -and $prop.CanRead) { try { $default = Format-Default ($prop.GetValue($instance)) } catch { $default = $null } }
        }
        $sets = [System.Collections.Generic.List[object]]::new()
        foreach ($entry in $p.ParameterSets.GetEnumerator()) {
            $sets.Add([ordered]@{
                Set                             = $entry.Key
                Mandatory                       = $entry.Value.IsMandatory
                Position                        = $entry.Value.Position
                ValueFromPipeline               = $entry.Value.ValueFromPipeline
                ValueFromPipelineByPropertyName = $entry.Value.ValueFromPipelineByPropertyName
            })
        }
        $parameters.Add([ordered]@{
            Name        = $p.Name
            Type        = $shown.FullName
            ShortType   = $shown.Name
            IsSwitch    = $p.SwitchParameter
            IsArray     = $shown.IsArray
            Aliases     = [string[]]@($p.Aliases)
            ValidValues = $valid.ToArray()
            Default     = $default
            Sets        = $sets.ToArray()
        })
    }
    $parameterSets = [System.Collections.Generic.List[object]]::new()
    foreach ($set in $cmd.ParameterSets) {
        $inSet = [System.Collections.Generic.List[string]]::new()
        foreach ($sp in $set.Parameters) { if (-not $skip.Contains($sp.Name) -and -not $hidden.Contains($sp.Name)) { $inSet.Add($sp.Name) } }
        $parameterSets.Add([ordered]@{ Name = $set.Name; IsDefault = $set.IsDefault; Parameters = $inSet.ToArray() })
    }
    $outputTypes = [System.Collections.Generic.List[string]]::new()
    foreach ($o in $cmd.OutputType) {
        $typeName = if ($o.Type) { $o.Type.FullName } else { $o.Name }
        if ($typeName -and $typeName -ne 'System.Void') { $outputTypes.Add($typeName) }
    }
    if ($instance -is [System.IDisposable]) { $instance.Dispose() }
    $result.Add([ordered]@{
        Name                  = $cmd.Name
        Verb                  = $cmd.Verb
        Noun                  = $cmd.Noun
        HelpFile              = $cmd.HelpFile
        DefaultParameterSet   = $cmd.DefaultParameterSet
        SupportsShouldProcess = [bool]($cmdletAttr -and $cmdletAttr.SupportsShouldProcess)
        OutputTypes           = $outputTypes.ToArray()
        Parameters            = $parameters.ToArray()
        HiddenParameters      = $hidden.ToArray()
        ParameterSets         = $parameterSets.ToArray()
    })
}
[ordered]@{ ModuleBase = $module.ModuleBase; Commands = $result.ToArray() } | ConvertTo-Json -Depth 10 -Compress |
    Set-Content -LiteralPath $outFile -Encoding utf8
'@

function ConvertTo-SingleQuoted([string] $Text) { "'" + $Text.Replace("'", "''") + "'" }

$metadataFile = Join-Path ([System.IO.Path]::GetTempPath()) ("fragmentps-help-" + [guid]::NewGuid().ToString('N') + '.json')
$childScript = $childScript.Replace("'{MANIFEST}'", (ConvertTo-SingleQuoted $manifestPath)).
    Replace("'{OUTFILE}'", (ConvertTo-SingleQuoted $metadataFile))
$encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($childScript))
$pwsh = @(Get-PwshCommandLine)
$start = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
foreach ($arg in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-NoLogo', '-EncodedCommand', $encoded)) {
    $start.ArgumentList.Add($arg)
}
$start.UseShellExecute = $false
$start.RedirectStandardOutput = $true
$start.RedirectStandardError = $true
$start.Environment['NO_COLOR'] = '1'
$start.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
$start.Environment['POWERSHELL_UPDATECHECK'] = 'Off'
# The child starts now and reads the module while this process reads the help sources.
$child = [System.Diagnostics.Process]::Start($start)
$childStdout = $child.StandardOutput.ReadToEndAsync()
$childStderr = $child.StandardError.ReadToEndAsync()

# ---- 2. The text, from docs/help, checked against the metadata -------------------------------------

$sources = @{}
$unreadable = @{}
foreach ($file in Get-ChildItem -LiteralPath $SourceDir -Filter '*.psd1') {
    try { $sources[$file.BaseName] = Import-PowerShellDataFile -LiteralPath $file.FullName }
    catch { $unreadable[$file.BaseName] = "$($file.FullName) cannot be read: $($_.Exception.Message)" }
}
$aboutFiles = @(Get-ChildItem -LiteralPath $SourceDir -Filter 'about_*.help.txt')
# While the child works: split every text into paragraphs now (Split-Paragraph caches its results).
foreach ($source in $sources.Values) {
    foreach ($key in 'Synopsis', 'Description', 'Inputs', 'Outputs', 'Notes') {
        if ($source[$key] -is [string]) { $null = Split-Paragraph $source[$key] }
    }
    if ($source['Parameters'] -is [hashtable]) { foreach ($text in $source['Parameters'].Values) { if ($text -is [string]) { $null = Split-Paragraph $text } } }
    foreach ($example in @($source['Examples'])) { if ($example -is [hashtable] -and $example['Remarks'] -is [string]) { $null = Split-Paragraph $example['Remarks'] } }
}

try {
    if (-not $child.WaitForExit(120000)) {
        $child.Kill()
        throw "New-FragmentHelp: the child pwsh reading the module's metadata did not finish within 120 s."
    }
    $child.WaitForExit()
    if ($child.ExitCode -ne 0 -or -not (Test-Path -LiteralPath $metadataFile)) {
        throw "New-FragmentHelp: reading the module's metadata in a child pwsh failed (exit code $($child.ExitCode)):`n" +
            $childStdout.GetAwaiter().GetResult() + $childStderr.GetAwaiter().GetResult()
    }
    $metadata = Get-Content -LiteralPath $metadataFile -Raw | ConvertFrom-Json
    if (@($metadata.Commands).Count -eq 0) { throw "New-FragmentHelp: $manifestPath exports no cmdlets (CmdletsToExport)." }
}
finally {
    $child.Dispose()
    Remove-Item -LiteralPath $metadataFile -ErrorAction Ignore
}

$problems = [System.Collections.Generic.List[string]]::new()
function Test-Text($Value) { $null -ne $Value -and $Value -is [string] -and $Value.Trim().Length -gt 0 }

$helpByName = [ordered]@{}
foreach ($command in $metadata.Commands) {
    $name = $command.Name
    if ($command.PSObject.Properties['Missing']) { $problems.Add("$name is in CmdletsToExport but the built module has no such cmdlet."); continue }
    $file = Join-Path $SourceDir "$name.psd1"
    if ($unreadable.ContainsKey($name)) { $problems.Add("$name : $($unreadable[$name])"); continue }
    if (-not $sources.ContainsKey($name)) { $problems.Add("$name has no help source ($file is missing)."); continue }
    $source = $sources[$name]

    foreach ($key in $source.Keys) { if ($key -notin $KnownKeys) { $problems.Add("$name : unknown key '$key' in $file (known: $($KnownKeys -join ', '))."); } }
    if (-not (Test-Text $source['Synopsis'])) { $problems.Add("$name has no Synopsis.") }
    elseif ($source['Synopsis'].Trim() -match '\n') { $problems.Add("$name : the Synopsis must be one line.") }
    if (-not (Test-Text $source['Description'])) { $problems.Add("$name has no Description.") }
    if (-not (Test-Text $source['Outputs'])) { $problems.Add("$name has no Outputs text.") }

    $paramText = $source['Parameters']
    if ($null -eq $paramText) { $paramText = @{} }
    if ($paramText -isnot [hashtable]) { $problems.Add("$name : Parameters must be a hashtable (parameter name -> text)."); $paramText = @{} }
    $declared = @($command.Parameters | ForEach-Object Name)
    foreach ($p in $command.Parameters) {
        if ($p.Name -in 'WhatIf', 'Confirm') { continue }
        if (-not (Test-Text $paramText[$p.Name])) { $problems.Add("$name -$($p.Name) has no description.") }
    }
    foreach ($key in $paramText.Keys) {
        if ($key -in @($command.HiddenParameters)) { $problems.Add("$name : Parameters names '$key', which is hidden ([Parameter(DontShow)]) and not documented.") }
        elseif ($key -in 'WhatIf', 'Confirm') { $problems.Add("$name : Parameters names '$key', whose text is built into New-FragmentHelp.") }
        elseif ($key -notin $declared) { $problems.Add("$name : Parameters names '$key', which the cmdlet does not declare.") }
    }
    $defaults = $source['DefaultValues']
    if ($null -ne $defaults) {
        if ($defaults -isnot [hashtable]) { $problems.Add("$name : DefaultValues must be a hashtable.") }
        else { foreach ($key in $defaults.Keys) { if ($key -notin $declared) { $problems.Add("$name : DefaultValues names '$key', which the cmdlet does not declare.") } } }
    }

    $examples = @($source['Examples'] | Where-Object { $null -ne $_ })
    if ($examples.Count -lt 2) { $problems.Add("$name has $($examples.Count) example(s); at least two are required.") }
    $i = 0
    foreach ($example in $examples) {
        $i++
        if ($example -isnot [hashtable]) { $problems.Add("$name example $i is not a hashtable @{ Title; Code; Remarks }."); continue }
        foreach ($key in 'Title', 'Code', 'Remarks') {
            if (-not (Test-Text $example[$key])) { $problems.Add("$name example $i has no $key.") }
        }
        foreach ($key in $example.Keys) { if ($key -notin 'Title', 'Code', 'Remarks') { $problems.Add("$name example $i has an unknown key '$key'.") } }
    }
    $helpByName[$name] = $source
}

$known = @($metadata.Commands | ForEach-Object Name)
foreach ($name in @($sources.Keys) + @($unreadable.Keys)) {
    if ($name -notin $known) { $problems.Add("$name.psd1 documents '$name', which the module does not export.") }
}

if ($aboutFiles.Count -eq 0) { $problems.Add("There is no about_*.help.txt topic in $SourceDir.") }
foreach ($about in $aboutFiles) {
    $lines = @(Get-Content -LiteralPath $about.FullName)
    $topic = $about.Name -replace '\.help\.txt$', ''
    if ($lines.Count -lt 2 -or $lines[0].Trim() -ne 'TOPIC' -or $lines[1].Trim() -ne $topic) {
        $problems.Add("$($about.Name) must start with the lines 'TOPIC' and '    $topic'.")
    }
    foreach ($heading in 'SHORT DESCRIPTION', 'LONG DESCRIPTION', 'SEE ALSO') {
        if ($lines -notcontains $heading) { $problems.Add("$($about.Name) has no '$heading' section.") }
    }
    for ($n = 0; $n -lt $lines.Count; $n++) {
        if ($lines[$n].Length -gt 100) { $problems.Add("$($about.Name) line $($n + 1) is $($lines[$n].Length) characters long (at most 100).") }
    }
}

if ($problems.Count -gt 0) {
    throw "New-FragmentHelp: the help is incomplete ($($problems.Count) problem(s)):`n  - " + ($problems -join "`n  - ")
}

# ---- 3. The MAML -----------------------------------------------------------------------------------

$ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.IndentChars = '  '
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$settings.NewLineChars = "`n"

$helpFileName = ($metadata.Commands | Where-Object { $_.HelpFile } | Select-Object -First 1).HelpFile
if (-not $helpFileName) { $helpFileName = 'FragmentPS.dll-Help.xml' }
$cultureDir = Join-Path $ModuleDir 'en-US'
$null = New-Item -ItemType Directory -Path $cultureDir -Force
$xmlPath = Join-Path $cultureDir $helpFileName

# Thin helpers over the XmlWriter; the hot paths below call the writer directly (PowerShell function calls
# are slow, method calls are not).
$script:w = $null
$nsMaml = $ns.maml; $nsCommand = $ns.command; $nsDev = $ns.dev
function Write-El([string] $Prefix, [string] $Name, [string] $Text) {
    $script:w.WriteStartElement($Prefix, $Name, $ns[$Prefix])
    $script:w.WriteString($script:InvalidXmlChars.Replace($Text, ''))
    $script:w.WriteEndElement()
}
function Start-El([string] $Prefix, [string] $Name) { $script:w.WriteStartElement($Prefix, $Name, $ns[$Prefix]) }
function End-El { $script:w.WriteEndElement() }
function Write-Paras([string] $Text) {
    $paras = @(Split-Paragraph $Text)
    if ($paras.Count -eq 0) { $paras = @('') }
    foreach ($para in $paras) {
        $script:w.WriteStartElement('maml', 'para', $nsMaml)
        $script:w.WriteString($script:InvalidXmlChars.Replace($para, ''))
        $script:w.WriteEndElement()
    }
}
function Write-Description([string] $Text) {
    $script:w.WriteStartElement('maml', 'description', $nsMaml)
    Write-Paras $Text
    $script:w.WriteEndElement()
}

function Get-PipelineText($SetInfo) {
    if ($SetInfo.ValueFromPipeline -and $SetInfo.ValueFromPipelineByPropertyName) { return 'True (ByPropertyName, ByValue)' }
    if ($SetInfo.ValueFromPipeline) { return 'True (ByValue)' }
    if ($SetInfo.ValueFromPipelineByPropertyName) { return 'True (ByPropertyName)' }
    'False'
}

function Get-ParameterText($Command, $Source, $Parameter) {
    if ($Parameter.Name -in 'WhatIf', 'Confirm') { return $ShouldProcessText[$Parameter.Name] }
    $Source['Parameters'][$Parameter.Name]
}
function Get-DefaultText($Source, $Parameter) {
    $defaults = $Source['DefaultValues']
    if ($defaults -is [hashtable] -and $defaults.ContainsKey($Parameter.Name)) { return "$($defaults[$Parameter.Name])" }
    if ($Parameter.IsSwitch) { return 'False' }
    if ($null -ne $Parameter.Default -and "$($Parameter.Default)".Length -gt 0) { return "$($Parameter.Default)" }
    'None'
}

function Write-Parameter($Command, $Source, $Parameter, $SetInfo, [switch] $InSyntax) {
    $w = $script:w
    $variableLength = if ($Parameter.IsArray) { 'true' } else { 'false' }
    $w.WriteStartElement('command', 'parameter', $nsCommand)
    $w.WriteAttributeString('required', $(if ($SetInfo.Mandatory) { 'true' } else { 'false' }))
    $w.WriteAttributeString('variableLength', $variableLength)
    $w.WriteAttributeString('globbing', 'false')
    $w.WriteAttributeString('pipelineInput', (Get-PipelineText $SetInfo))
    $w.WriteAttributeString('position', $(if ($SetInfo.Position -ge 0) { "$($SetInfo.Position)" } else { 'named' }))
    $w.WriteAttributeString('aliases', $(if (@($Parameter.Aliases).Count -gt 0) { @($Parameter.Aliases) -join ', ' } else { 'none' }))
    $w.WriteElementString('maml', 'name', $nsMaml, $Parameter.Name)
    Write-Description (Get-ParameterText $Command $Source $Parameter)
    $valid = @($Parameter.ValidValues)
    if (-not $Parameter.IsSwitch) {
        if ($InSyntax -and $valid.Count -gt 0) {
            $w.WriteStartElement('command', 'parameterValueGroup', $nsCommand)
            foreach ($v in $valid) {
                $w.WriteStartElement('command', 'parameterValue', $nsCommand)
                $w.WriteAttributeString('required', 'false')
                $w.WriteAttributeString('command', 'variableLength', $nsCommand, 'false')
                $w.WriteString($script:InvalidXmlChars.Replace($v, ''))
                $w.WriteEndElement()
            }
            $w.WriteEndElement()
        }
        else {
            $w.WriteStartElement('command', 'parameterValue', $nsCommand)
            $w.WriteAttributeString('required', 'true')
            $w.WriteAttributeString('variableLength', $variableLength)
            $w.WriteString($Parameter.ShortType)
            $w.WriteEndElement()
        }
    }
    $w.WriteStartElement('dev', 'type', $nsDev)
    $w.WriteElementString('maml', 'name', $nsMaml, $Parameter.Type)
    $w.WriteElementString('maml', 'uri', $nsMaml, '')
    $w.WriteEndElement()
    $w.WriteElementString('dev', 'defaultValue', $nsDev, $script:InvalidXmlChars.Replace((Get-DefaultText $Source $Parameter), ''))
    $w.WriteEndElement()
}

# The order Get-Help shows: positional by position, then mandatory, then the rest as declared,
# WhatIf and Confirm last. (Loops and Array.Sort: pipelines here would make the build slow.)
function Get-OrderedParameters($Command, [string] $SetName) {
    $keys = [System.Collections.Generic.List[string]]::new()
    $entries = [System.Collections.Generic.List[object]]::new()
    $index = 0
    foreach ($p in $Command.Parameters) {
        $info = $null
        foreach ($candidate in $p.Sets) {
            if ($candidate.Set -eq $SetName -or $candidate.Set -eq '__AllParameterSets') { $info = $candidate; break }
        }
        if ($null -eq $info) { continue }
        $rank = if ($p.Name -eq 'WhatIf' -or $p.Name -eq 'Confirm') { 3 } elseif ($info.Position -ge 0) { 0 } elseif ($info.Mandatory) { 1 } else { 2 }
        $position = if ($info.Position -ge 0) { [int]$info.Position } else { 0 }
        $keys.Add(('{0}{1:D6}{2:D6}' -f $rank, $position, $index++))
        $entries.Add([pscustomobject]@{ Parameter = $p; Info = $info })
    }
    $keyArray = $keys.ToArray()
    $entryArray = $entries.ToArray()
    [Array]::Sort($keyArray, $entryArray, [System.StringComparer]::Ordinal)
    $entryArray
}

# One parameter's attributes over all its sets, for the parameters section.
function Get-MergedSetInfo($Parameter) {
    $mandatory = $true; $byValue = $false; $byName = $false; $position = $null; $samePosition = $true
    foreach ($info in $Parameter.Sets) {
        if (-not $info.Mandatory) { $mandatory = $false }
        if ($info.ValueFromPipeline) { $byValue = $true }
        if ($info.ValueFromPipelineByPropertyName) { $byName = $true }
        if ($null -eq $position) { $position = $info.Position } elseif ($position -ne $info.Position) { $samePosition = $false }
    }
    [pscustomobject]@{
        Mandatory                       = $mandatory
        Position                        = if ($samePosition -and $null -ne $position) { $position } else { -1 }
        ValueFromPipeline               = $byValue
        ValueFromPipelineByPropertyName = $byName
    }
}

$script:w = [System.Xml.XmlWriter]::Create($xmlPath, $settings)
try {
    $w.WriteStartDocument()
    $w.WriteStartElement('helpItems', $ns.msh)
    $w.WriteAttributeString('schema', 'maml')
    foreach ($command in $metadata.Commands) {
        $source = $helpByName[$command.Name]
        Start-El command command
        foreach ($prefix in 'maml', 'command', 'dev', 'MSHelp') { $w.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix]) }

        Start-El command details
        Write-El command name $command.Name
        Write-Description $source.Synopsis.Trim()
        Write-El command verb $command.Verb
        Write-El command noun $command.Noun
        End-El

        Write-Description $source.Description

        # One syntax item per parameter set, the default set first.
        Start-El command syntax
        $sets = @($command.ParameterSets | Sort-Object @{ Expression = { -not $_.IsDefault } }, Name)
        foreach ($set in $sets) {
            Start-El command syntaxItem
            Write-El maml name $command.Name
            foreach ($entry in (Get-OrderedParameters $command $set.Name)) {
                Write-Parameter $command $source $entry.Parameter $entry.Info -InSyntax
            }
            End-El
        }
        End-El

        # Every parameter once, in alphabetical order (the way Get-Help -Full lists them).
        Start-El command parameters
        $byValue = [System.Collections.Generic.List[object]]::new()
        $byName = [System.Collections.Generic.List[object]]::new()
        $params = [object[]]@($command.Parameters)
        $names = [string[]]::new($params.Count)
        for ($i = 0; $i -lt $params.Count; $i++) { $names[$i] = $params[$i].Name }
        [Array]::Sort($names, $params, [System.StringComparer]::OrdinalIgnoreCase)
        foreach ($p in $params) {
            $merged = Get-MergedSetInfo $p
            if ($merged.ValueFromPipeline) { $byValue.Add($p) }
            if ($merged.ValueFromPipelineByPropertyName) { $byName.Add($p) }
            Write-Parameter $command $source $p $merged
        }
        End-El

        # Inputs: from the parameters that take pipeline input, plus the source's own text.
        Start-El command inputTypes
        $extra = if (Test-Text $source['Inputs']) { "`n`n" + $source['Inputs'] } else { '' }
        if ($byValue.Count -eq 0 -and $byName.Count -eq 0) {
            Start-El command inputType
            Start-El dev type; Write-El maml name 'None'; End-El
            Write-Description ("You cannot pipe objects to $($command.Name)." + $extra)
            End-El
        }
        foreach ($p in $byValue) {
            Start-El command inputType
            Start-El dev type; Write-El maml name $p.Type; End-El
            Write-Description ("You can pipe a $($p.ShortType) to the $($p.Name) parameter." + $extra)
            End-El
            $extra = ''
        }
        if ($byName.Count -gt 0) {
            $names = @(foreach ($p in $byName) {
                if (@($p.Aliases).Count) { $p.Name + ' (or ' + (@($p.Aliases) -join ', ') + ')' } else { $p.Name }
            }) -join ', '
            Start-El command inputType
            Start-El dev type; Write-El maml name 'System.Management.Automation.PSObject'; End-El
            Write-Description ("Any object with properties named $names binds them by property name (a CSV row, a FragmentTask, a custom object)." + $extra)
            End-El
        }
        End-El

        Start-El command returnValues
        $outTypes = @($command.OutputTypes)
        if ($outTypes.Count -eq 0) { $outTypes = @('None') }
        Start-El command returnValue
        Start-El dev type; Write-El maml name ($outTypes -join ', '); End-El
        Write-Description $source.Outputs
        End-El
        End-El

        # Related commands go at the end of the notes, not into <maml:relatedLinks>: Get-Help advertises
        # 'Get-Help <name> -Online' whenever a navigation link exists, and the module has no online pages.
        $related = @($source['RelatedLinks'] | Where-Object { $_ })
        $notes = if (Test-Text $source['Notes']) { $source.Notes.TrimEnd() } else { '' }
        if ($related.Count -gt 0) { $notes = ($notes + "`n`nSee also: " + ($related -join ', ') + '.').TrimStart("`n") }
        Start-El maml alertSet
        Start-El maml alert
        if (Test-Text $notes) { Write-Paras $notes } else { Write-El maml para '' }
        End-El
        End-El

        Start-El command examples
        $i = 0
        foreach ($example in $source.Examples) {
            $i++
            Start-El command example
            Write-El maml title ("---------- Example ${i}: $($example.Title.Trim()) ----------")
            Write-El dev code (($example.Code -replace "`r`n?", "`n").Trim("`n"))
            Start-El dev remarks
            Write-Paras $example.Remarks
            Write-El maml para ''    # a blank line before the next example
            End-El
            End-El
        }
        End-El

        Start-El maml relatedLinks
        End-El

        End-El # command:command
    }
    $w.WriteEndElement()
    $w.WriteEndDocument()
}
finally {
    $w.Dispose()
}

# Read it back: a file Get-Help cannot parse must fail the build here, not in a user's console.
$check = [xml]::new()
$check.Load($xmlPath)
$nsm = [System.Xml.XmlNamespaceManager]::new($check.NameTable)
$nsm.AddNamespace('command', $ns.command)
$written = $check.SelectNodes('//command:command', $nsm).Count
if ($written -ne $metadata.Commands.Count) { throw "New-FragmentHelp: $xmlPath holds $written commands instead of $($metadata.Commands.Count)." }

foreach ($about in $aboutFiles) { Copy-Item -LiteralPath $about.FullName -Destination $cultureDir -Force }

Write-Host ("Help: {0} cmdlets and {1} about topics written to {2} in {3:0.0} s" -f $written, $aboutFiles.Count, $cultureDir, $clock.Elapsed.TotalSeconds)
