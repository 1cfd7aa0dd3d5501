@{
    Synopsis     = 'Calls any Fragment API path with the session''s token, rate limiter, retries and error handling.'

    Description  = @'
Invoke-FragmentRestMethod sends one request to a path below the session's base URI and returns the JSON
answer as PowerShell objects (JSON objects become PSCustomObjects). It is the way to reach API endpoints
that have no cmdlet of their own, such as /accounts/me or POST /tasks/query, with everything the cmdlets
have: the Authorization header, the User-Agent, the shared rate limiter, the retry table and the typed
errors. It is not a general web client: -Path is resolved below the session's base URI and the result is
checked after normalisation (scheme, host, port and path prefix), so the token only ever goes to the
session's own API. A path that would leave it ('/http://other/x', '//other', '../..', '%2e%2e', an encoded
slash) is refused with FragmentInvalidPath before anything is sent, -WhatIf included.

-Body may be a hashtable, an ordered dictionary, a PSCustomObject or an array, which are sent as JSON
(dates in UTC ISO-8601, SecureStrings refused), or a string, which is sent as it is and must already be
JSON. Bodies from the pipeline are sent one request each. -Query adds query parameters; an array value
repeats the parameter.

With -All the answer must be a listing ({"items": [...], "meta": {"next_cursor": ...}}): the cmdlet writes
the items of each page one by one and follows meta.next_cursor until it is null or a page is empty. An
answer without 'items' is reported with FragmentInvalidResponse. Without -All, the whole answer is written
as one object (an array answer stays one array).

Retries follow the method: GET, PUT, PATCH and DELETE are retried on connect failures, timeouts, broken
connections, 429 and 502/503/504; POST only on connect failures and 429, and a POST whose outcome is
uncertain is reported as FragmentOutcomeUnknown instead of being sent twice.

-WhatIf and -Confirm apply to the methods that change data (POST, PUT, PATCH, DELETE) and show the exact
method, URL and body. A GET is always sent, even with -WhatIf, because it changes nothing.
'@

    Parameters   = @{
        Method = @'
The HTTP method: GET (the default), POST, PUT, PATCH or DELETE. It also decides what is retried: only
GET, PUT, PATCH and DELETE are retried after an ambiguous failure.
'@
        Path   = @'
The path below the session's base URI, with or without a leading slash: /tasks, tasks/<uid>/comments,
accounts/me. A full URL is accepted only when it is below the base URI; anything that would leave the base
URI is refused with FragmentInvalidPath. Put query parameters in -Query rather than in the path; an empty
-Query key is refused with FragmentInvalidArgument.
'@
        Body   = @'
The request body. A hashtable, ordered dictionary, PSCustomObject or array is converted to JSON (keys as
given: the API expects snake_case); a string is sent as it is and must be JSON. Takes pipeline input: each
piped body is sent as its own request.
'@
        Query  = @'
Query parameters, as a hashtable: @{ limit = 10; status = 'TODO', 'STARTED' }. Values are sent as text
(numbers invariant, booleans as true/false, dates as UTC ISO-8601); an array value repeats the parameter.
'@
        All    = @'
Treats the answer as a listing: writes the items of every page, one object each, following
meta.next_cursor until it is null or a page is empty. Fails with FragmentInvalidResponse when the answer
has no 'items' array.
'@
        Session = @'
The FragmentSession to use, from Connect-Fragment -PassThru. By default, the default session. Without
either, the cmdlet stops with FragmentNoSession.
'@
    }

    Examples     = @(
        @{
            Title   = 'Which account does the token belong to?'
            Code    = @'
Invoke-FragmentRestMethod /accounts/me

uid                                  name     created_at               updated_at
---                                  ----     ----------               ----------
0f8fad5b-d9cb-469f-a165-70867728950e Acme Ops 2024-02-01T08:00:00.000Z 2025-06-30T12:00:00.000Z
'@
            Remarks = @'
GET is the default method; the answer keeps the API's snake_case names.
'@
        }
        @{
            Title   = 'Every comment of a task, raw'
            Code    = @'
Invoke-FragmentRestMethod -Path "tasks/$uid/comments" -Query @{ limit = 100 } -All
'@
            Remarks = @'
-All follows the cursors and writes each comment as a PSCustomObject, as the API spelled it.
'@
        }
        @{
            Title   = 'Set keys that have no parameter, checking first'
            Code    = @'
$body = [ordered]@{ queue_uid = $queueUid; assignee_email = 'lea@example.com'; fields = @{ priority = 'high' } }
Invoke-FragmentRestMethod -Method PATCH -Path "tasks/$uid" -Body $body -WhatIf
Invoke-FragmentRestMethod -Method PATCH -Path "tasks/$uid" -Body $body

What if: Performing the operation "Invoke" on target "PATCH https://api.onfragment.com/api/v1/tasks/7c9e6679-7425-40de-944b-e07fc1f90ae7 {"queue_uid":"...","assignee_email":"lea@example.com","fields":{"priority":"high"}}".
'@
            Remarks = @'
A PATCH is retried safely. -WhatIf prints the exact request (never the token) and sends nothing.
'@
        }
        @{
            Title   = 'Send a prepared batch file'
            Code    = @'
# upsert.json: {"items":[{"uid":"...","fields":{"title":"..."}}, ...]}  (at most 100 items)
Invoke-FragmentRestMethod -Method PUT -Path tasks/batch -Body (Get-Content upsert.json -Raw) -Verbose
'@
            Remarks = @'
A string body is sent as it is. PUT /tasks/batch is all or nothing and idempotent, so it is retried
safely; New-FragmentTask builds such batches for you from pipeline input.
'@
        }
    )

    Outputs      = @'
System.Management.Automation.PSObject: without -All, the whole JSON answer as one object (PSCustomObject,
array, string, number or boolean); nothing when the answer has no body. With -All, one PSCustomObject per
item of every page.
'@

    Notes        = @'
Errors are non-terminating; the target object is the request as "METHOD /path". ErrorIds: the API errors
(FragmentAuthenticationFailed, FragmentPermissionDenied, FragmentNotFound, FragmentInvalidArgument,
FragmentRateLimited, FragmentServerError, FragmentTimeout, FragmentNetworkError, FragmentOutcomeUnknown,
FragmentInvalidResponse: also a redirect, which is never followed), FragmentInvalidPath (a path that would
leave the base URI), FragmentInvalidFieldValue (a body or query value that cannot be sent), FragmentNoSession.
'@

    RelatedLinks = @('Get-FragmentTask', 'Connect-Fragment', 'about_FragmentPS')
}
