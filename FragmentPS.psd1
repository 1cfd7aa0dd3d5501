@{
    RootModule           = 'FragmentPS.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '5b0f3f7e-6f0c-4a43-9a0e-6d5cf2a8e1c4'
    Author               = 'FragmentPS contributors'
    CompanyName          = 'FragmentPS'
    Copyright            = '(c) FragmentPS contributors. Apache-2.0.'
    Description          = 'PowerShell cmdlets for the Fragment task platform API: sessions, tasks, searches that stream, comments, retries and rate limiting, plus a bundled emulator for offline runbook tests.'
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('FragmentPS.Format.ps1xml')
    TypesToProcess       = @('FragmentPS.Types.ps1xml')
    CmdletsToExport      = @(
        'Connect-Fragment'
        'Disconnect-Fragment'
        'Get-FragmentSession'
        'New-FragmentTask'
        'Get-FragmentTask'
        'Set-FragmentTask'
        'Remove-FragmentTask'
        'Add-FragmentComment'
        'Get-FragmentComment'
        'Invoke-FragmentRestMethod'
        'Start-FragmentEmulator'
        'Stop-FragmentEmulator'
        'Reset-FragmentEmulator'
        'Add-FragmentEmulatorTask'
        'Get-FragmentEmulatorRequest'
        'Set-FragmentEmulatorFault'
        'Clear-FragmentEmulatorFault'
        'Get-FragmentEmulatorStatistic'
        'Set-FragmentEmulatorClock'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Fragment', 'REST', 'Tasks', 'Operations', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            LicenseUri = 'https://www.apache.org/licenses/LICENSE-2.0'
        }
    }
}
