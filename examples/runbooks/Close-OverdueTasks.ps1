<#
.SYNOPSIS
    Closes tasks that are overdue by more than a grace period, with a comment saying why.
.DESCRIPTION
    Finds the tasks not yet DONE whose due date passed more than -GraceDays ago (optionally only for some
    countries), sets them to DONE and comments on each. Supports -WhatIf, and reports what it closed.
.EXAMPLE
    ./Close-OverdueTasks.ps1 -GraceDays 14 -Country FR, DE -WhatIf
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [ValidateRange(0, 3650)] [int] $GraceDays = 7,
    [string[]] $Country,
    [string] $Comment = 'Closed automatically: overdue for more than {0} days.',
    [FragmentPS.FragmentSession] $Session
)
$ErrorActionPreference = 'Stop'
$sessionArgs = if ($Session) { @{ Session = $Session } } else { @{} }
$search = @{ Status = 'TODO', 'STARTED'; DueBefore = [DateTimeOffset]::UtcNow.AddDays(-$GraceDays) }
if ($Country) { $search.Filter = @{ country = $Country } }

$overdue = @(Get-FragmentTask @sessionArgs @search)
if ($overdue.Count -eq 0) { return }
$overdue |
    Set-FragmentTask @sessionArgs -Status DONE -PassThru -WhatIf:$WhatIfPreference |
    Add-FragmentComment @sessionArgs -Content ($Comment -f $GraceDays) -WhatIf:$WhatIfPreference
