@{
    Synopsis     = 'Adds a comment to a Fragment task; never retried in a way that could add it twice.'

    Description  = @'
Add-FragmentComment adds one comment to each task it receives, with POST /tasks/{uid}/comments and the
body {"content": "<text>"}. The task comes from -TaskUid (alias -Uid), which takes a GUID, a GUID string,
a FragmentTask or a FragmentComment (its task), and comes from the pipeline by value or by property name.
So tasks written by Get-FragmentTask, New-FragmentTask -PassThru or Set-FragmentTask -PassThru can be piped
straight in. A piped task or comment is commented on in the session it came from, even when another
session is the default; with a -Session of another account it is refused with FragmentSessionMismatch
and nothing is sent for it. The comments written carry their session too.

A comment is created with POST, which is not idempotent: sending it again could add a second comment. So
it is retried only when the server provably did not process it: when the connection could not be opened,
or when the server answered 429 (rate limited). When the request may have reached the server and no valid
answer came back (a timeout, a connection broken after sending, a cut-off answer), it is not retried: the
cmdlet writes a FragmentOutcomeUnknown error whose message says the comment may or may not have been
added and how to check (Get-FragmentComment -TaskUid <uid>) before adding it again.

Empty or blank content is refused before any request with FragmentEmptyContent. With -WhatIf nothing is
sent; the exact request is printed, for example
POST https://api.onfragment.com/api/v1/tasks/7c9e6679-.../comments {"content":"Closed."}.
'@

    Parameters   = @{
        ExternalId = @'
The id the task was created with in another system (a ticket number such as INC-1001), as given to
New-FragmentTask -ExternalId: the task's uid is derived from it the same way (the MD5 of the text, read as
a GUID), so no lookup request is made. Takes pipeline input by property name (an ExternalId or external_id
column; for a column of another name use -ExternalId { $_.ticket_id }). When no task was created with it,
the error FragmentNotFound names the external id. A -Uid value that is not a GUID (INC-1001, 12345) is
refused with a message that suggests -ExternalId.
'@
        TaskUid = @'
The task to comment on: a GUID, a GUID string, a FragmentTask (its Uid) or a FragmentComment (its
TaskUid). Alias: Uid. Takes pipeline input by value and by property name (Uid or TaskUid). Completion
offers tasks the session has seen lately, with their titles.
'@
        Content = @'
The text of the comment. It must contain some text: empty or blank content is refused with
FragmentEmptyContent. The same text is added to every task that comes through the pipeline.
'@
        Session = @'
The FragmentSession to use, from Connect-Fragment -PassThru. By default, the session a piped task or
comment came from, else the default session. A piped task of another account than -Session is refused
with FragmentSessionMismatch. Without any session, the cmdlet stops with FragmentNoSession.
'@
    }

    Examples     = @(
        @{
            Title   = 'Comment on one task'
            Code    = @'
Add-FragmentComment -Uid 7c9e6679-7425-40de-944b-e07fc1f90ae7 -Content 'Address confirmed with the customer.'

CreatedAt        TaskUid                              Content
---------        -------                              -------
2025-09-11 14:03 7c9e6679-7425-40de-944b-e07fc1f90ae7 Address confirmed with the customer.
'@
            Remarks = @'
The uid and the content are also positional: Add-FragmentComment $uid 'text'.
'@
        }
        @{
            Title   = 'Close tasks and leave a trace on each'
            Code    = @'
Get-FragmentTask -Filter @{ country = 'FR' } |
    Set-FragmentTask -Status DONE -PassThru |
    Add-FragmentComment -Content 'closed'
'@
            Remarks = @'
Each task that Set-FragmentTask updated gets one comment. A task whose update failed is not commented.
'@
        }
        @{
            Title   = 'Handle an uncertain outcome'
            Code    = @'
Add-FragmentComment -TaskUid $uid -Content $note -ErrorAction SilentlyContinue -ErrorVariable err
if ($err.FullyQualifiedErrorId -like 'FragmentOutcomeUnknown*') {
    $already = Get-FragmentComment -TaskUid $uid | Where-Object Content -eq $note
    if (-not $already) { Add-FragmentComment -TaskUid $uid -Content $note }
}
'@
            Remarks = @'
After a timeout the comment may have been added; checking before adding again avoids a duplicate.
'@
        }
    )

    Outputs      = 'FragmentPS.FragmentComment for each comment added: Uid, TaskUid, Content, AuthorUid, CreatedAt, UpdatedAt and AdditionalProperties.'

    Notes        = @'
Errors are written for one input at a time (non-terminating); the target object is the task's uid.
ErrorIds: FragmentEmptyContent, FragmentOutcomeUnknown, FragmentNotFound (no such task),
FragmentInvalidArgument, FragmentPermissionDenied, FragmentRateLimited, FragmentNetworkError,
FragmentNoSession. ConfirmImpact is Low: -Confirm asks before each comment.
'@

    RelatedLinks = @('Get-FragmentComment', 'Set-FragmentTask', 'Get-FragmentTask', 'about_FragmentPS')
}
