@{
    Synopsis     = 'Lists the connected Fragment sessions by name, and shows which one is the default.'

    Description  = @'
Get-FragmentSession returns the sessions that Connect-Fragment (or Start-FragmentEmulator -Connect) made and
that are still connected, oldest first. Each has a Name (Connect-Fragment -Name, or else the account's
name) and IsDefault: the default session is the one the last Connect-Fragment made, and every FragmentPS
cmdlet uses it when it is not given -Session. -Session takes a session's name as well as the object, and
Tab completes the names.

With -Name, only the sessions whose name matches are returned; wildcards are allowed. A name without
wildcards that matches no session is an error (FragmentSessionNotFound); a pattern that matches nothing
returns nothing. When nothing is connected, Get-FragmentSession returns nothing and writes no error, so
`if (-not (Get-FragmentSession)) { Connect-Fragment }` works.

Sessions are process-wide: runspaces of the same process (ForEach-Object -Parallel, thread jobs) see the
same ones. A session disconnected with Disconnect-Fragment, or whose emulator was stopped, is no longer
listed. Connecting again with a name in use replaces that entry.

The session object never holds the token in a readable form. Its TokenFingerprint, a short one-way hash of
the token, tells sessions apart, and sessions with the same fingerprint share one rate limiter.
'@

    Parameters   = @{
        Name = @'
The names of the sessions to return; wildcards are allowed (Get-FragmentSession eu*). Names compare
without regard to case. Tab completes the names of the connected sessions.
'@
    }

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
            Title   = 'Several accounts side by side'
            Code    = @'
Connect-Fragment -Token $euToken -Name eu
Connect-Fragment -Token $usToken -Name us
Get-FragmentSession

Name             IsDefault AccountName        BaseUri
----             --------- -----------        -------
eu               False     Acme Europe        https://api.onfragment.com/api/v1
us               True      Acme US            https://api.onfragment.com/api/v1

Get-FragmentTask -Session eu -Status TODO -First 5
Get-FragmentSession -Name e* | Disconnect-Fragment
'@
            Remarks = @'
The table fits 80 columns. -Session eu picks the session by name; Disconnect-Fragment takes sessions from
the pipeline, or a name (Disconnect-Fragment us).
'@
        }
        @{
            Title   = 'See which account and limits are in use'
            Code    = @'
Get-FragmentSession | Where-Object IsDefault | Format-List Name, AccountName, BaseUri, IsConnected,
    RequestsPerMinute, Burst, MaximumRetryCount, TimeoutSec, TokenFingerprint

Name              : Acme Ops
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
FragmentPS.FragmentSession, one per connected session, or nothing when none is connected. Its properties:
Name, IsDefault, BaseUri, AccountUid, AccountName, ConnectedAt, RequestsPerMinute, Burst,
MaximumRetryCount, TimeoutSec, MaximumResponseSizeMB, TokenFingerprint and IsConnected.
'@

    Notes        = @'
Errors: FragmentSessionNotFound (ObjectNotFound) for a -Name without wildcards that matches no session;
the other names are still looked up.
'@

    RelatedLinks = @('Connect-Fragment', 'Disconnect-Fragment', 'about_FragmentPS')
}
