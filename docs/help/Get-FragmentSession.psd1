@{
    Synopsis     = 'Gets the default Fragment session, the one FragmentPS cmdlets use when -Session is not given.'

    Description  = @'
Get-FragmentSession returns the default session: the FragmentSession that the last Connect-Fragment (or
Start-FragmentEmulator -Connect) made, and that every FragmentPS cmdlet uses when it is not given
-Session. When there is no default session (nothing connected yet, or after Disconnect-Fragment), it
returns nothing and writes no error, so `if (-not (Get-FragmentSession)) { Connect-Fragment }` works.

The default session is process-wide: runspaces of the same process (ForEach-Object -Parallel, thread jobs)
see the same one. Sessions kept with Connect-Fragment -PassThru that are not the default are not listed;
keep them in variables.

The session object never holds the token in a readable form. Its TokenFingerprint, a short one-way hash of
the token, tells sessions apart, and sessions with the same fingerprint share one rate limiter.
'@

    Parameters   = @{}

    Examples     = @(
        @{
            Title   = 'Connect only when needed'
            Code    = @'
if (-not (Get-FragmentSession)) {
    Connect-Fragment
}
Get-FragmentTask -Filter @{ country = 'FR' } -First 10
'@
            Remarks = @'
A runbook that may run after another one has connected reuses the existing default session.
'@
        }
        @{
            Title   = 'See which account and limits are in use'
            Code    = @'
Get-FragmentSession | Format-List AccountName, BaseUri, IsConnected, RequestsPerMinute, Burst,
    MaximumRetryCount, TimeoutSec, TokenFingerprint

AccountName       : Acme Ops
BaseUri           : https://api.onfragment.com/api/v1
IsConnected       : True
RequestsPerMinute : 60
Burst             : 10
MaximumRetryCount : 5
TimeoutSec        : 100
TokenFingerprint  : 3b7d0c1e9a4f2e61
'@
            Remarks = @'
Useful in a log at the start of a scheduled job. The fingerprint identifies the token without revealing it.
'@
        }
    )

    Outputs      = @'
FragmentPS.FragmentSession, or nothing when there is no default session. Its properties: BaseUri,
AccountUid, AccountName, ConnectedAt, RequestsPerMinute, Burst, MaximumRetryCount, TimeoutSec,
MaximumResponseSizeMB, TokenFingerprint and IsConnected.
'@

    RelatedLinks = @('Connect-Fragment', 'Disconnect-Fragment', 'about_FragmentPS')
}
