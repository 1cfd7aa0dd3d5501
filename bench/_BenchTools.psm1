# Shared pieces of the benchmark scripts: timing, child processes, tables.
Set-StrictMode -Version 3.0

function Measure-Median {
    param([Parameter(Mandatory)] [scriptblock] $Script, [int] $Count = 5)
    $times = foreach ($i in 1..$Count) {
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $null = & $Script
        $sw.Elapsed.TotalMilliseconds
    }
    ($times | Sort-Object)[[int][math]::Floor($Count / 2)]
}

Import-Module (Join-Path $PSScriptRoot '../build/ChildPwsh.psm1') -Force

function Invoke-ChildPwsh {
    param([Parameter(Mandatory)] [string] $Command)
    $cmd = @(Get-PwshCommandLine)
    $rest = @($cmd | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Command)
    $output = & $cmd[0] @rest
    if ($LASTEXITCODE -ne 0) { throw "Child pwsh failed ($LASTEXITCODE): $output" }
    $output
}

function Format-BenchTable {
    param([Parameter(Mandatory)] [object[]] $Rows, [string] $Title)
    Write-Host ''
    Write-Host $Title
    Write-Host (($Rows | Format-Table -AutoSize | Out-String -Width 200).TrimEnd())
}

Export-ModuleMember -Function Measure-Median, Invoke-ChildPwsh, Format-BenchTable
