# The "other program" of the sharing benchmark: not FragmentPS, a plain HttpClient loop on the same token (from
# $env:FRAGMENT_TOKEN) that spends about half of the account's budget: one GET /accounts/me every -IntervalSec,
# waiting out each 429's Retry-After before trying again, until the file -StopFile exists. Writes one JSON line.
param(
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $StopFile,
    [double] $IntervalSec = 2
)
$ErrorActionPreference = 'Stop'
$http = [System.Net.Http.HttpClient]::new()
$http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $env:FRAGMENT_TOKEN)
$http.DefaultRequestHeaders.UserAgent.ParseAdd('sharing-bench-foreign/1.0')
$uri = $BaseUri.TrimEnd('/') + '/accounts/me'
$requests = 0; $ok = 0; $limited = 0
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$next = 0.0
while (-not (Test-Path $StopFile)) {
    $pause = $next - $clock.Elapsed.TotalSeconds
    if ($pause -gt 0) { Start-Sleep -Milliseconds ([int]($pause * 1000)); continue }
    $response = $http.GetAsync($uri).GetAwaiter().GetResult()
    $requests++
    if ([int]$response.StatusCode -eq 429) {
        $limited++
        $wait = $response.Headers.RetryAfter.Delta
        $next = $clock.Elapsed.TotalSeconds + $(if ($wait) { $wait.TotalSeconds } else { 1 })
    }
    else {
        $ok++
        $next += $IntervalSec
        if ($next -lt $clock.Elapsed.TotalSeconds) { $next = $clock.Elapsed.TotalSeconds }
    }
    $response.Dispose()
}
[pscustomobject]@{ Requests = $requests; Ok = $ok; Served429 = $limited; Seconds = $clock.Elapsed.TotalSeconds } | ConvertTo-Json -Compress
