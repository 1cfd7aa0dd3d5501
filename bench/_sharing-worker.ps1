# One FragmentPS process of the sharing benchmark: connects with the token in $env:FRAGMENT_TOKEN and creates
# -Count tasks one at a time. Writes one JSON line: what it created, its errors (with their ids), the 429s it
# retried, whether it ever had to keep a budget of its own, and when its work started and ended (UTC).
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [int] $Count,
    [Parameter(Mandatory)] [string] $Name
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $ModulePath
$started = [DateTime]::UtcNow
$verbose = [System.Collections.Generic.List[string]]::new()
Connect-Fragment -BaseUri $BaseUri -Verbose 4>&1 | ForEach-Object { $verbose.Add($_.Message) }
$created = 0
$errs = [System.Collections.Generic.List[string]]::new()
foreach ($i in 1..$Count) {
    foreach ($record in New-FragmentTask -Title "$Name $i" -Verbose -ErrorAction SilentlyContinue -ErrorVariable failed 4>&1) {
        if ($record -is [System.Management.Automation.VerboseRecord]) { $verbose.Add($record.Message) } else { $created++ }
    }
    foreach ($e in $failed) { $errs.Add($e.FullyQualifiedErrorId.Split(',')[0]) }
}
[pscustomobject]@{
    Name = $Name; Created = $created; Errors = $errs.Count; ErrorIds = ($errs | Sort-Object -Unique) -join ' '
    Retried429 = @($verbose | Where-Object { $_ -like 'Retrying * after 429*' }).Count
    OwnBudget = @($verbose | Where-Object { $_ -like '*keeps its own budget*' }).Count
    Started = $started.ToString('o'); Ended = [DateTime]::UtcNow.ToString('o')
} | ConvertTo-Json -Compress
