<#
.SYNOPSIS
    Fragment's quickstart, in PowerShell: verify the token, create a task, get it, search tasks whose
    country is FR, complete it, add a comment.
.EXAMPLE
    # Against the real service (the token from Settings > Developers):
    $env:FRAGMENT_TOKEN = '<token>'; ./examples/quickstart.ps1
.EXAMPLE
    # Against the bundled emulator (what 'build.ps1 -Task Demo' does):
    $emu = Start-FragmentEmulator
    $env:FRAGMENT_TOKEN = [Net.NetworkCredential]::new('', $emu.Token).Password
    ./examples/quickstart.ps1 -BaseUri $emu.BaseUri
#>
[CmdletBinding()]
param(
    # Where the API is; by default the real service.
    [Uri] $BaseUri
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Module FragmentPS)) { Import-Module FragmentPS }

function Show([string] $Step, $Value) {
    Write-Host "`n== $Step"
    Write-Host (($Value | Format-List | Out-String -Width 120).Trim())
}

# 1. Verify the token (GET /accounts/me). The token comes from $env:FRAGMENT_TOKEN.
$connect = @{ PassThru = $true }
if ($BaseUri) { $connect.BaseUri = $BaseUri }
$session = Connect-Fragment @connect
Show '1. Token verified' $session

# 2. Create a task with a title, a url and a custom field.
$task = New-FragmentTask -Title 'Check the delivery address' -Url 'https://example.com/orders/1042' -Field @{ country = 'FR' }
Show '2. Task created' $task

# 3. Get it back by its uid.
$again = Get-FragmentTask -Uid $task.Uid
Show '3. Task fetched by uid' $again

# 4. Search the tasks whose country is FR.
$french = @(Get-FragmentTask -Filter @{ country = 'FR' })
Write-Host "`n== 4. Tasks with country FR: $($french.Count)"
Write-Host (($french | Format-Table | Out-String -Width 120).Trim())

# 5. Complete it.
$done = Set-FragmentTask -Uid $task.Uid -Status DONE -PassThru
Show '5. Task completed' $done

# 6. Add a comment.
$comment = Add-FragmentComment -Uid $task.Uid -Content 'Address confirmed with the customer.'
Show '6. Comment added' $comment

if ($done.Status -ne 'DONE' -or $french.Uid -notcontains $task.Uid) { throw 'The quickstart did not end as expected.' }
Write-Host "`nQuickstart complete."
