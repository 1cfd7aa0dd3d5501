@{
    Synopsis     = 'Ends a Fragment session and releases its connections; by default the default session.'

    Description  = @'
Disconnect-Fragment disposes the HTTP client of a session, so its pooled connections are closed. Without
-Session it ends the default session (the one the last Connect-Fragment made) and clears the default, so
the next FragmentPS cmdlet that needs a session stops with FragmentNoSession until you connect again.

A disconnected session object stays around (IsConnected is False) but cannot send anything: passing it to
-Session gives the error FragmentNoSession. Run Connect-Fragment -PassThru for a new one.

Disconnecting makes no request to Fragment: an API token is not revoked by it. Revoke tokens in the
Fragment web app under Settings > Developers.

When there is no default session and none is given, the cmdlet does nothing. It never fails.
'@

    Parameters   = @{
        Session = @'
The session to end, or its name (Connect-Fragment -Name; Tab completes it), for example one kept from
Connect-Fragment -PassThru. It can come from the pipeline (Get-FragmentSession eu* | Disconnect-Fragment).
By default, the default session. Disconnecting a session that is not the default leaves the default as it
is.
'@
    }

    Examples     = @(
        @{
            Title   = 'End the default session at the end of a runbook'
            Code    = @'
Connect-Fragment
try {
    Get-FragmentTask -Status DONE -UpdatedBefore (Get-Date).AddDays(-30) |
        Set-FragmentTask -Archived $true
}
finally {
    Disconnect-Fragment
}
'@
            Remarks = @'
The finally block releases the connections even when the runbook fails.
'@
        }
        @{
            Title   = 'End one of several sessions'
            Code    = @'
$staging = Connect-Fragment -Token $stagingToken -PassThru
# ... work with -Session $staging ...
$staging | Disconnect-Fragment -Verbose

VERBOSE: Disconnected from https://api.onfragment.com/api/v1.
'@
            Remarks = @'
The session comes from the pipeline. If it was the default session, the default is cleared too.
'@
        }
    )

    Outputs      = 'None. Disconnect-Fragment writes nothing to the pipeline; -Verbose tells which base URI it disconnected.'

    Notes        = @'
The default session is process-wide: disconnecting it in one runspace (for example inside
ForEach-Object -Parallel) disconnects it for every runspace of the process.
'@

    RelatedLinks = @('Connect-Fragment', 'Get-FragmentSession', 'about_FragmentPS')
}
