# How build scripts, benchmarks and tests start a child pwsh like the current one.
Set-StrictMode -Version 3.0

<#
.SYNOPSIS
    The command line (executable, then leading arguments) of a pwsh like this one. PowerShell installed as a
    dotnet tool runs inside 'dotnet' with pwsh.dll as its first argument.
#>
function Get-PwshCommandLine {
    $self = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    if ([System.IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') {
        return @($self, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return @($self)
}

Export-ModuleMember -Function Get-PwshCommandLine
