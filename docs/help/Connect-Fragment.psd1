@{
    Synopsis     = 'Connects to the Fragment API, checks the token, and makes the connection the default session.'

    Description  = @'
Connect-Fragment creates a FragmentSession: the base URI, the account, and one HTTP client that every later
cmdlet call of the session shares (its connections, its retry settings and its rate limiter). It checks the
token at once with GET /accounts/me, so a wrong or revoked token fails here, with the error
FragmentAuthenticationFailed, instead of in the middle of a runbook.

The token comes from -Token (a SecureString) or, when -Token is not given, from the environment variable
FRAGMENT_TOKEN, where Fragment's quickstart keeps it. When neither is there and a person can answer (an
interactive pwsh, an editor's host), Connect-Fragment asks for the token, hidden as you type, like
Read-Host -AsSecureString; it never asks in a pwsh started with -NonInteractive or when the CI or TF_BUILD
environment variable is set (CI services set them), where it stops with FragmentNoToken instead. A plain
string given to -Token is refused with the ways to make a SecureString, and the string is not shown.

The base URI comes from -BaseUri, else from the environment variable FRAGMENT_BASE_URI, else it is the
real service, https://api.onfragment.com/api/v1. A base URI that answers 404 to /accounts/me has no
Fragment API at that path; the error then suggests the same URI with /api/v1 appended, where the API lives. Tokens are created in the Fragment web app under
Settings > Developers. The token is kept inside the session's client and sent only in the Authorization
header: the session object shows a one-way TokenFingerprint instead, and no message, -Verbose or -Debug
line and no error ever contains the token (nor a password given in the base URI as user:password@host):
both are removed from every message, request id, field name and -Debug body, even when the server echoes
them back. A token with a control character (a line break inside it) is refused with FragmentInvalidToken,
without being shown. Requests go only below the base URI; redirects are never followed.

The new session becomes the default session of the PowerShell process: every FragmentPS cmdlet uses it
unless it is given another one with -Session. The default is process-wide on purpose, so that
ForEach-Object -Parallel and thread jobs use the connection you made. Connecting again replaces the
default; the earlier session stays usable through -Session until you disconnect it.

Every session has a name: -Name, or else the account's name. -Session of every cmdlet takes the name as
well as the session object, and Tab completes it; Get-FragmentSession lists the connected sessions.
Connecting with a name that is already in use replaces that entry of the list.

Every request of the session is retried when that is safe (see about_FragmentPS): GET, PUT, PATCH and
DELETE, and the creates of New-FragmentTask (POST under a uid chosen on the client, which cannot apply
twice), after connect failures, timeouts, broken connections, 429, 502, 503 and 504; any other POST only
when the server provably did not process it (a connect failure or a 429). Waits grow exponentially from
-RetryIntervalSec with jitter, never shorter than the server's Retry-After, at most 60 seconds each, and no
retry starts when it would end later than -MaximumRetryTimeSec after the first attempt. A 429 means the
server did not process the request, so 429s are retried for as long as -MaximumRetryTimeSec allows, however
many they are: a busy account costs time, never a write. -MaximumRetryCount counts the other failures.

A connection that is refused, or a host name that does not resolve, is retried only after the session has
had an answer from the server: Connect-Fragment's own check fails at once with FragmentNetworkError when
the port or host is wrong, instead of waiting through its retries; later, the same failure is an outage
and is retried.

A client-side rate limiter (a token bucket of -RequestsPerMinute with bursts of -Burst) keeps the session
under the account's limit of 60 requests a minute, so a big runbook waits a little instead of collecting
429 answers. One budget per token: the limiter is shared by every session of the token in the process,
parallel runspaces included, and by the processes of the same user on this computer (through a small file
in the user's runtime or temp folder, named by a one-way hash and holding no secret). When the server
answers 429 anyway (another program uses the same account), the limiter slows down and recovers gradually.
The latest Connect-Fragment for a token sets its rate.

The token is sent only over https, or over plain http to a loopback address (the bundled emulator). Any
other http URI is refused with FragmentInsecureConnection unless -AllowUnencryptedAuthentication is given.
Redirects are never followed, so the Authorization header cannot be carried to another host.
'@

    Parameters   = @{
        Token                          = @'
The API token, as a SecureString (for example from Read-Host -AsSecureString, or from a secret store).
When omitted, the token is read from the environment variable FRAGMENT_TOKEN; when neither is there, an
interactive host prompts for it (hidden), and otherwise the cmdlet stops with the error FragmentNoToken.
A plain string is refused (error ParameterArgumentTransformationError) with the fix, for example
-Token (ConvertTo-SecureString -String $text -AsPlainText -Force); the string is never shown. A
PSCredential's password is taken as the token. Leading and trailing spaces are removed.
'@
        BaseUri                        = @'
The API root every request path is relative to. When omitted, the environment variable FRAGMENT_BASE_URI
is used, and when that is not set either, the real service, https://api.onfragment.com/api/v1. Give the
BaseUri of a running emulator (Start-FragmentEmulator) to work offline. It must be an absolute https URI,
or http to a loopback host, unless -AllowUnencryptedAuthentication is given. The API lives under /api/v1:
a URI without it answers 404, and the error suggests the URI with the suffix.
'@
        Name                           = @'
The session's name, which -Session of every cmdlet accepts instead of the session object (and Tab
completes), and which Get-FragmentSession -Name filters on. When omitted, the account's name is used.
Connecting again with the same name replaces that session in the list of Get-FragmentSession.
'@
        MaximumRetryCount              = @'
How many times a failed request may be retried after its first attempt, 0 to 20. 0 switches retries off.
The default is 5. Which failures are retried is fixed (see about_FragmentPS); this only sets how often.
429 answers do not count: they are retried until -MaximumRetryTimeSec is spent.
'@
        RetryIntervalSec               = @'
The first wait before a retry, in seconds (0.01 to 600, default 1). Each further retry doubles it, with
jitter (half fixed, half random), up to 60 seconds. A Retry-After sent by the server is used when it is
longer.
'@
        MaximumRetryTimeSec            = @'
The total time budget of one call, retries included, in seconds (1 to 86400, default 300). No retry
starts when its wait would end later than this after the first attempt; the call then fails with the last
error, whose message says how long it tried and that the retry time limit would be passed. It is the only
bound on retries after 429 answers (FragmentRateLimited when it is spent).
'@
        TimeoutSec                     = @'
How long one attempt may wait for its answer, in seconds (1 to 3600, default 100). A timeout is retried
for GET, PUT, PATCH, DELETE and New-FragmentTask's creates; for any other POST it is reported as
FragmentOutcomeUnknown, because the server may have applied it.
'@
        RequestsPerMinute              = @'
The client-side rate limit, in requests per minute (default 60, the account's limit). The client refills
1% slower than this so that its requests never arrive before the server's bucket has refilled. 0 makes
this session send without waiting; its requests are still counted in the token's budget, so other sessions
of the token slow down for them (the server's own limit still answers 429, which is retried). The limiter
is shared by all sessions of the same token; the latest connect with a rate decides.
'@
        Burst                          = @'
How many requests may go out at once before the rate limit applies, 1 to 10000 (default 10). Waiting
requests are served in order; a wait of a second or more is shown with -Verbose and as progress.
'@
        MaximumResponseSizeMB          = @'
The cap on the body of one answer, in megabytes (1 to 2047, default 32), counted after decompression. A
page of 100 tasks is about 100 KB, so the default leaves a wide margin. An answer that passes it, or that
declares a larger length, is not read further and fails with FragmentResponseTooLarge (not retried), so a
broken or hostile server cannot exhaust the memory of the process. A search page with more items than
were asked for is refused as FragmentInvalidResponse.
'@
        AllowUnencryptedAuthentication = @'
Allows sending the token over plain http to a host that is not a loopback address. Without it such a
BaseUri is refused with FragmentInsecureConnection. Use it only on a network you trust, for example a
test emulator on another machine.
'@
        PassThru                       = @'
Writes the new FragmentSession to the pipeline. Keep it to pass it later with -Session, for example to
work with two accounts in one script.
'@
    }

    DefaultValues = @{
        Token   = '$env:FRAGMENT_TOKEN, else a prompt in an interactive host'
        BaseUri = '$env:FRAGMENT_BASE_URI, else https://api.onfragment.com/api/v1'
        Name    = 'the account name'
    }

    Examples     = @(
        @{
            Title   = 'Connect with the token from the environment'
            Code    = @'
$env:FRAGMENT_TOKEN = Get-Secret -Name FragmentToken -AsPlainText   # or set it in the CI secret store
Connect-Fragment
Get-FragmentTask -Status TODO -First 5
'@
            Remarks = @'
Connect-Fragment reads FRAGMENT_TOKEN, checks it with GET /accounts/me and makes the default session, which
the next cmdlets use without -Session.
'@
        }
        @{
            Title   = 'Pass the token as a SecureString and keep the session'
            Code    = @'
$token = Read-Host -Prompt 'Fragment token' -AsSecureString
$session = Connect-Fragment -Token $token -PassThru
$session

Name             IsDefault AccountName        BaseUri
----             --------- -----------        -------
Acme Ops         True      Acme Ops           https://api.onfragment.com/api/v1

$session.TokenFingerprint
3b7d0c1e9a4f2e61
'@
            Remarks = @'
The session shows a fingerprint of the token, never the token. Pass $session to -Session of any cmdlet.
'@
        }
        @{
            Title   = 'Two accounts in one script, by name'
            Code    = @'
Connect-Fragment -Token $euToken -Name eu
Connect-Fragment -Token $usToken -Name us
Get-FragmentTask -Session eu -Filter @{ country = 'FR' } |
    ForEach-Object { New-FragmentTask -Session us -Title $_.Title -ExternalId "eu-$($_.Uid)" -Field @{ country = 'FR' } }
Get-FragmentSession

Name             IsDefault AccountName        BaseUri
----             --------- -----------        -------
eu               False     Acme Europe        https://api.onfragment.com/api/v1
us               True      Acme US            https://api.onfragment.com/api/v1
'@
            Remarks = @'
Each session has its own client and, because the tokens differ, its own rate limiter. The last connect
(here us) is the default session. -Session takes the name, and Tab after -Session offers eu and us.
'@
        }
        @{
            Title   = 'Connect in an interactive shell without a token in the environment'
            Code    = @'
Connect-Fragment
Fragment token (Settings > Developers; hidden, or set $env:FRAGMENT_TOKEN): ********
'@
            Remarks = @'
The token is read as a SecureString and never echoed. In CI (pwsh -NonInteractive, or CI set) there is no
prompt: set FRAGMENT_TOKEN there, and FRAGMENT_BASE_URI when the jobs run against an emulator.
'@
        }
        @{
            Title   = 'A long batch job that should wait out outages'
            Code    = @'
Connect-Fragment -MaximumRetryCount 10 -RetryIntervalSec 2 -MaximumRetryTimeSec 900 -TimeoutSec 30 -Verbose
'@
            Remarks = @'
Retries up to ten times within fifteen minutes per call, and gives up on one attempt after 30 seconds.
-Verbose shows the check request, e.g. "GET https://api.onfragment.com/api/v1/accounts/me -> 200 (84 ms,
attempt 1)".
'@
        }
        @{
            Title   = 'Connect to the bundled emulator'
            Code    = @'
$emulator = Start-FragmentEmulator -Seed 50
Connect-Fragment -BaseUri $emulator.BaseUri -Token $emulator.Token -RequestsPerMinute 0
'@
            Remarks = @'
Plain http is accepted because the emulator listens on 127.0.0.1. Start-FragmentEmulator -Connect does the
same in one step.
'@
        }
    )

    Outputs      = @'
None by default. With -PassThru, a FragmentPS.FragmentSession: Name, IsDefault, BaseUri, AccountUid,
AccountName, ConnectedAt, RequestsPerMinute, Burst, MaximumRetryCount, TimeoutSec, MaximumResponseSizeMB,
TokenFingerprint and IsConnected.
'@

    Notes        = @'
Errors: FragmentNoToken (no -Token, no FRAGMENT_TOKEN, and no prompt possible or no answer),
FragmentInvalidToken (a token with a control character), FragmentAuthenticationFailed (401: wrong or
revoked token), FragmentInsecureConnection (http to a host that is not loopback, or a BaseUri that is not
http or https), FragmentNotFound (404: the base URI has no API at /accounts/me; the message suggests the
/api/v1 suffix), FragmentNetworkError, FragmentTimeout, FragmentServerError and FragmentResponseTooLarge
when the check request fails. All are terminating: nothing can work without a session.

The previous default session is not disconnected when a new one replaces it; call Disconnect-Fragment on
sessions you no longer need to release their connections.
'@

    RelatedLinks = @('Disconnect-Fragment', 'Get-FragmentSession', 'Start-FragmentEmulator', 'about_FragmentPS')
}
