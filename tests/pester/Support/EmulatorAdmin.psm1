# Raw calls to an emulator's admin routes, for suites that assert on their JSON as it is. The key stays inside the
# emulator object (it is no property of it); these tests read it as the module's own cmdlets do. Runbook tests
# should use Reset-FragmentEmulator, Get-FragmentEmulatorStatistic and the other emulator cmdlets instead.
Set-StrictMode -Version 3.0

function Invoke-EmulatorAdmin {
    param(
        [Parameter(Mandatory, Position = 0)] $Emulator,
        [Parameter(Position = 1)] [string] $Method = 'GET',
        [Parameter(Mandatory, Position = 2)] [string] $Route,
        [Parameter(Position = 3)] $Body
    )
    $process = $Emulator.GetType().GetProperty('Process', [Reflection.BindingFlags]'NonPublic, Instance').GetValue($Emulator)
    $call = @{ Method = $Method; Uri = "$($Emulator.AdminUri)$Route"; Headers = @{ 'X-Fragment-Emulator-Key' = $process.AdminKey } }
    if ($null -ne $Body) {
        $call.ContentType = 'application/json'
        $call.Body = if ($Body -is [string]) { $Body } else { ConvertTo-Json $Body -Depth 8 }
    }
    Invoke-RestMethod @call
}

Export-ModuleMember -Function Invoke-EmulatorAdmin
