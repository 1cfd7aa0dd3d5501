<#
.SYNOPSIS
    Syncs a CSV export of tickets into Fragment tasks, idempotently.
.DESCRIPTION
    Each ticket becomes the task whose uid is derived from its ticket id (New-FragmentTask -ExternalId), so
    running the runbook again updates the same tasks instead of creating new ones (-Force: a sync carries
    changed rows into the tasks that exist), and a retried request can never create a duplicate. Rows go
    through the batch endpoint, 100 per request.
    CSV columns: ticket_id, title, url, country (others are kept as custom fields).
.EXAMPLE
    ./Sync-TicketsFromCsv.ps1 -Path ./tickets.csv
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $Path,
    [FragmentPS.FragmentSession] $Session
)
$ErrorActionPreference = 'Stop'
$known = 'ticket_id', 'title', 'url'
$sessionArgs = if ($Session) { @{ Session = $Session } } else { @{} }

Import-Csv -Path $Path | ForEach-Object {
    $fields = [ordered]@{ ticket_id = $_.ticket_id }
    foreach ($p in $_.PSObject.Properties) {
        if ($p.Name -notin $known -and $p.Value -ne '') { $fields[$p.Name] = $p.Value }
    }
    [pscustomobject]@{
        ExternalId = "ticket:$($_.ticket_id)"
        Title      = $_.title
        Url        = if ($_.url) { $_.url } else { $null }
        Field      = $fields
    }
} | New-FragmentTask -Force @sessionArgs -ErrorAction Continue -WhatIf:$WhatIfPreference
