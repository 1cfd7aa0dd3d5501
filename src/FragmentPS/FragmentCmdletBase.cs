using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using FragmentPS.Core;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Http;
using FragmentPS.Errors;

namespace FragmentPS
{
    /// <summary>
    /// The base of every cmdlet that talks to Fragment: resolves the session, bridges async Core calls onto
    /// the pipeline thread (cancelled by Ctrl+C), writes Core's log events only from that thread, and maps
    /// errors once.
    /// </summary>
    public abstract class FragmentCmdletBase : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly EventQueue _events = new EventQueue();
        private FragmentSession? _session;
        // The clients this command uses, one per session, each with the lease that keeps it usable until the command ends.
        private readonly Dictionary<FragmentSession, (FragmentClient Client, IDisposable Lease)> _clients =
            new Dictionary<FragmentSession, (FragmentClient Client, IDisposable Lease)>();
        private ProgressRecord? _throttleProgress;

        /// <summary>A session the caller named explicitly (the -Session parameter of <see cref="FragmentCmdlet"/>).</summary>
        protected virtual FragmentSession? ExplicitSession => null;

        protected override void BeginProcessing()
        {
            _events.WantsBodies = IsDebugOn();
        }

        /// <summary>Cmdlets that override this call it last: it lets -Filter @{ complete the field names seen.</summary>
        protected override void EndProcessing()
        {
            if (_session != null) Completers.FieldFilterKeys.Publish(this, _session.FieldNames);
        }

        /// <summary>The session in use; a terminating error with the fix when there is none.</summary>
        protected FragmentSession CurrentSession
        {
            get
            {
                if (_session != null) return _session;
                var session = SessionInUse;
                if (session?.Client == null)
                {
                    ThrowTerminatingError(ErrorMapper.Refused(ErrorIds.NoSession, ErrorCategory.InvalidOperation,
                        ExplicitSession != null
                            ? "The session given with -Session is not connected (it was disconnected, or built by hand). Run Connect-Fragment -PassThru to get a connected one."
                            : "There is no Fragment session. Run Connect-Fragment first (the token comes from -Token or $env:FRAGMENT_TOKEN).",
                        ExplicitSession, "Run Connect-Fragment."));
                }
                return _session = session!;
            }
            set
            {
                _session = value;
                ReleaseClients();
            }
        }

        /// <summary>The session this command uses, or would use: the one it settled on, -Session, or the default; null for none.</summary>
        private FragmentSession? SessionInUse => _session ?? ExplicitSession ?? SessionRegistry.Default;

        /// <summary>
        /// The session's client, reporting to this invocation's queue. It stays usable until this command ends,
        /// even if Disconnect-Fragment runs meanwhile in another runspace.
        /// </summary>
        protected FragmentClient Client => ClientFor(CurrentSession);

        /// <summary>
        /// A session's client, reporting to this invocation's queue (one per session), leased so that it stays
        /// usable until this command ends; a terminating FragmentNoSession when the session is disconnected.
        /// </summary>
        protected FragmentClient ClientFor(FragmentSession session)
        {
            if (_clients.TryGetValue(session, out var held)) return held.Client;
            var client = session.Client;
            IDisposable? lease = null;
            try
            {
                if (client == null) throw new FragmentApiException(FragmentErrorKind.Configuration, "The session was disconnected; run Connect-Fragment again.");
                lease = client.Transport.Lease();
            }
            catch (FragmentApiException ex)
            {
                ThrowTerminatingError(ErrorMapper.Refused(ErrorIds.NoSession, ErrorCategory.InvalidOperation, ex.Message, session, "Run Connect-Fragment."));
            }
            var view = client!.WithObserver(_events);
            _clients[session] = (view, lease!);
            return view;
        }

        private void ReleaseClients()
        {
            foreach (var held in _clients.Values) held.Lease.Dispose();
            _clients.Clear();
        }

        /// <summary>
        /// The session a piped task or comment came from, for the cmdlet to act on it there; null for any other
        /// input (a uid, a CSV row, an object built by hand), which uses <see cref="CurrentSession"/>. False, with
        /// the input's error written, when the input cannot be sent: -Session names another account
        /// (FragmentSessionMismatch), or its own session was disconnected and no session of its account is left.
        /// </summary>
        protected bool TryGetInputSession(object? input, object? target, out FragmentSession? session)
        {
            session = null;
            var (own, what) = OwnSession(input);
            if (own == null) return true;
            var explicitSession = ExplicitSession;
            if (explicitSession != null)
            {
                if (SameAccount(explicitSession, own)) return true;
                WriteError(ErrorMapper.Refused(ErrorIds.SessionMismatch, ErrorCategory.InvalidOperation,
                    $"{what} comes from the session {Describe(own)}, but -Session is {Describe(explicitSession)}. Nothing was sent for it, so that it cannot touch a task of the other account.",
                    target, "Leave out -Session to act on each object in the session it came from, or give that session."));
                return false;
            }
            if (own.IsConnected)
            {
                session = own;
                return true;
            }
            var fallback = SessionRegistry.Default;
            if (fallback != null && fallback.IsConnected && SameAccount(fallback, own))
            {
                session = fallback;
                return true;
            }
            WriteError(ErrorMapper.Refused(ErrorIds.NoSession, ErrorCategory.InvalidOperation,
                $"{what} comes from the session {Describe(own)}, which was disconnected, and the default session is not of that account. Nothing was sent for it.",
                target, "Run Connect-Fragment for that account, then pipe the object again."));
            return false;
        }

        /// <summary>The session a piped task or comment came from, and how messages name the object.</summary>
        private static (FragmentSession? Session, string What) OwnSession(object? input) => (input is PSObject pso ? pso.BaseObject : input) switch
        {
            FragmentTask task => (task.Session, $"Task {task.Uid}"),
            FragmentComment comment => (comment.Session, $"Comment {comment.Uid} (task {comment.TaskUid})"),
            _ => (null, string.Empty),
        };

        /// <summary>Two sessions reach the same account: the same API base URI and account uid.</summary>
        private static bool SameAccount(FragmentSession a, FragmentSession b) =>
            ReferenceEquals(a, b) || (a.AccountUid == b.AccountUid && a.BaseUri != null && b.BaseUri != null
                && string.Equals(a.BaseUri.AbsoluteUri.TrimEnd('/'), b.BaseUri.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));

        private static string Describe(FragmentSession session) => $"'{session.AccountName}' (account {session.AccountUid} at {session.BaseUri})";

        /// <summary>
        /// Runs an async Core call and blocks the pipeline thread until it ends, writing log events as they
        /// come. Ctrl+C cancels the call and stops the pipeline.
        /// </summary>
        protected T RunSync<T>(Func<CancellationToken, Task<T>> call)
        {
            Task<T> task;
            try { task = call(_stop.Token); }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { throw new PipelineStoppedException(); }
            task.ContinueWith(_ => _events.Wake(), TaskContinuationOptions.ExecuteSynchronously);
            while (!task.IsCompleted)
            {
                _events.WaitForWork(TimeSpan.FromMilliseconds(250));
                DrainEvents();
            }
            DrainEvents();
            CompleteThrottleProgress();
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// The items of a paged listing, on the pipeline thread: a wait for a page runs as in
        /// <see cref="RunSync{T}"/> (log events written, Ctrl+C honoured). A caller that stops early (-First,
        /// Select-Object -First) ends the listing, and with it any page still being fetched.
        /// </summary>
        protected IEnumerable<T> Enumerate<T>(IAsyncEnumerable<T> items)
        {
            IAsyncEnumerator<T> enumerator = items.GetAsyncEnumerator(_stop.Token);
            try
            {
                while (true)
                {
                    ValueTask<bool> next = enumerator.MoveNextAsync();
                    // Items of a page already read are there at once: no bridging for them.
                    if (!(next.IsCompletedSuccessfully ? next.Result : RunSync(_ => next.AsTask()))) yield break;
                    yield return enumerator.Current;
                }
            }
            finally
            {
                // The listing waits at an item here, so ending it runs only its own clean-up, without waiting.
                enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        /// <summary>Writes one error for one input; the pipeline goes on with the next.</summary>
        protected void WriteApiError(FragmentApiException ex, object? target) =>
            WriteError(ErrorMapper.ToErrorRecord(ex, target, Redact));

        protected void ThrowApiError(FragmentApiException ex, object? target) =>
            ThrowTerminatingError(ErrorMapper.ToErrorRecord(ex, target, Redact));

        /// <summary>Writes a task to the pipeline, linked to its session (by default the current one), and remembers it for tab completion.</summary>
        protected void WriteTask(FragmentTask task, FragmentSession? session = null)
        {
            LinkTask(task, session);
            WriteObject(task);
        }

        /// <summary>Links a task to the session it was read or written in, and remembers it for tab completion.</summary>
        protected void LinkTask(FragmentTask task, FragmentSession? session = null)
        {
            session ??= _session;
            task.Session = session;
            session?.Remember(task);
        }

        /// <summary>Writes a comment to the pipeline, linked to its session (by default the current one).</summary>
        protected void WriteComment(FragmentComment comment, FragmentSession? session = null)
        {
            comment.Session = session ?? _session;
            WriteObject(comment);
        }

        /// <summary>
        /// Removes the tokens of the sessions in use from an error's message. The transport has already redacted
        /// what it says (and had to, before cutting texts short and for the error's other properties); this covers
        /// what Core says outside it (a listing's cursor, an item that could not be read) and what cmdlets add.
        /// </summary>
        protected string Redact(string text)
        {
            foreach (var held in _clients.Values) text = held.Client.Transport.Redact(text);
            return SessionInUse?.Client?.Transport.Redact(text) ?? text;
        }

        protected bool IsDebugOn()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Debug", out var debug)) return ((SwitchParameter)debug).IsPresent;
            return GetVariableValue("DebugPreference") is ActionPreference pref && pref != ActionPreference.SilentlyContinue && pref != ActionPreference.Ignore;
        }

        /// <summary>
        /// What -WhatIf shows: the exact method, URL and body that would be sent (never a header), in
        /// <paramref name="session"/> (by default the current one). The URL is resolved as the transport resolves
        /// it, so a path that would leave the base URI fails here too.
        /// </summary>
        protected string DescribeRequest(string method, string path, string? body = null, FragmentSession? session = null)
        {
            var baseUri = (session ?? SessionInUse)?.BaseUri;
            string url = baseUri != null ? ApiPath.Display(ApiPath.Resolve(baseUri, path)) : "<base URI>/" + path.TrimStart('/');
            return body == null ? $"{method} {url}" : $"{method} {url} {body}";
        }

        /// <summary>
        /// What a confirmation prompt and -WhatIf name: the task, by title (from the piped task, or as the session
        /// last saw it) and uid, then the exact request. Nothing is fetched for it: -WhatIf sends nothing.
        /// </summary>
        protected string DescribeTaskRequest(Guid uid, object? input, string request, FragmentSession? session = null, string? title = null)
        {
            object? value = input is PSObject pso ? pso.BaseObject : input;
            title ??= (value as FragmentTask)?.Title
                      ?? (session ?? SessionInUse)?.RecentTitle(uid);
            string name = string.IsNullOrEmpty(title) ? $"task {uid}" : $"task '{title}' ({uid})";
            return $"{name}: {request}";
        }

        /// <summary>Writes the queued log events (the transport redacted them); only ever called on the pipeline thread.</summary>
        protected void DrainEvents()
        {
            while (_events.TryDequeue(out var e))
            {
                string message = e.Message;
                switch (e.Kind)
                {
                    case ClientEventKind.Body:
                        WriteDebug(message);
                        break;
                    case ClientEventKind.Throttle when e.Wait.HasValue && e.Wait.Value >= TimeSpan.FromSeconds(1):
                    case ClientEventKind.Retry when e.Wait.HasValue && e.Wait.Value >= TimeSpan.FromSeconds(1):
                        WriteVerbose(message);
                        _throttleProgress = new ProgressRecord(0x46524147, e.Kind == ClientEventKind.Retry ? "Fragment retry" : "Fragment rate limit", message)
                        {
                            SecondsRemaining = (int)Math.Ceiling(e.Wait.Value.TotalSeconds),
                        };
                        WriteProgress(_throttleProgress);
                        break;
                    case ClientEventKind.Throttle:
                        break;
                    default:
                        WriteVerbose(message);
                        break;
                }
            }
        }

        private void CompleteThrottleProgress()
        {
            if (_throttleProgress == null) return;
            _throttleProgress.RecordType = ProgressRecordType.Completed;
            WriteProgress(_throttleProgress);
            _throttleProgress = null;
        }

        protected override void StopProcessing() => _stop.Cancel();

        public void Dispose()
        {
            ReleaseClients();
            _stop.Dispose();
            _events.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
