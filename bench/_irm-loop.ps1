# What a user would write without FragmentPS: follow the cursors with Invoke-RestMethod.
param([string] $BaseUri, [string] $Token)
$headers = @{ Authorization = "Bearer $Token" }
$count = 0
$cursor = $null
do {
    $url = "$BaseUri/tasks?limit=100" + $(if ($cursor) { '&cursor=' + [uri]::EscapeDataString($cursor) })
    $page = Invoke-RestMethod $url -Headers $headers
    $count += $page.items.Count
    $cursor = $page.meta.next_cursor
} while ($cursor)
$count
