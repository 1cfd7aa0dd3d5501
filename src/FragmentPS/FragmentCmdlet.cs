using System;
using System.Collections.Concurrent;
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
        private FragmentClient? _client;
        private IDisposable? _clientLease;
        private FragmentSession? _session;
        private ProgressRecord? _throttleProgress;

        /// <summary>A session the caller named explicitly (the -Session parameter of <see cref="FragmentCmdlet"/>).</summary>
        protected virtual FragmentSession? ExplicitSession => null;

        protected CancellationToken StopToken => _stop.Token;

        protected override void BeginProcessing()
        {
            _events.WantsBodies = IsDebugOn();
        }

        /// <summary>The session in use; a terminating error with the fix when there is none.</summary>
        protected FragmentSession CurrentSession
        {
            get
            {
                if (_session != null) return _session;
                var session = ExplicitSession ?? SessionRegistry.Default;
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
                ReleaseClient();
            }
        }

        /// <summary>
        /// The session's client, reporting to this invocation's queue. It stays usable until this command ends,
        /// even if Disconnect-Fragment runs meanwhile in another runspace.
        /// </summary>
        protected FragmentClient Client
        {
            get
            {
                if (_client != null) return _client;
                var session = CurrentSession;
                var client = session.Client;
                try
                {
                    if (client == null) throw new FragmentApiException(FragmentErrorKind.Configuration, "The session was disconnected; run Connect-Fragment again.");
                    _clientLease = client.Transport.Lease();
                }
                catch (FragmentApiException ex)
                {
                    ThrowTerminatingError(ErrorMapper.Refused(ErrorIds.NoSession, ErrorCategory.InvalidOperation, ex.Message, session, "Run Connect-Fragment."));
                }
                return _client = client!.WithObserver(_events);
            }
        }

        private void ReleaseClient()
        {
            _client = null;
            _clientLease?.Dispose();
            _clientLease = null;
        }

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

        protected void RunSync(Func<CancellationToken, Task> call) =>
            RunSync<bool>(async ct => { await call(ct).ConfigureAwait(false); return true; });

        /// <summary>Writes one error for one input; the pipeline goes on with the next.</summary>
        protected void WriteApiError(FragmentApiException ex, object? target) =>
            WriteError(ErrorMapper.ToErrorRecord(ex, target, Redact));

        protected void ThrowApiError(FragmentApiException ex, object? target) =>
            ThrowTerminatingError(ErrorMapper.ToErrorRecord(ex, target, Redact));

        /// <summary>Writes a task to the pipeline and remembers it for tab completion.</summary>
        protected void WriteTask(FragmentTask task)
        {
            _session?.Remember(task);
            WriteObject(task);
        }

        /// <summary>Removes the session's token from text, should it ever be part of a message.</summary>
        protected string Redact(string text) => (_session ?? ExplicitSession ?? SessionRegistry.Default)?.Client?.Transport.Redact(text) ?? text;

        protected bool IsDebugOn()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Debug", out var debug)) return ((SwitchParameter)debug).IsPresent;
            return GetVariableValue("DebugPreference") is ActionPreference pref && pref != ActionPreference.SilentlyContinue && pref != ActionPreference.Ignore;
        }

        /// <summary>
        /// What -WhatIf shows: the exact method, URL and body that would be sent (never a header). The URL is
        /// resolved as the transport resolves it, so a path that would leave the base URI fails here too.
        /// </summary>
        protected string DescribeRequest(string method, string path, string? body = null)
        {
            var baseUri = (_session ?? ExplicitSession ?? SessionRegistry.Default)?.BaseUri;
            string url = baseUri != null ? ApiPath.Display(ApiPath.Resolve(baseUri, path)) : "<base URI>/" + path.TrimStart('/');
            return body == null ? $"{method} {url}" : $"{method} {url} {body}";
        }

        /// <summary>Writes the queued log events; only ever called on the pipeline thread.</summary>
        protected void DrainEvents()
        {
            while (_events.TryDequeue(out var e))
            {
                string message = Redact(e.Message);
                switch (e.Kind)
                {
                    case ClientEventKind.Body:
                        WriteDebug(message);
                        break;
                    case ClientEventKind.Throttle when e.Wait.HasValue && e.Wait.Value >= TimeSpan.FromSeconds(1):
                        WriteVerbose(message);
                        _throttleProgress = new ProgressRecord(0x46524147, "Fragment rate limit", message)
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
            ReleaseClient();
            _stop.Dispose();
            _events.Dispose();
        }

        /// <summary>Collects Core's events from any thread; the pipeline thread drains them.</summary>
        private sealed class EventQueue : IRequestObserver, IDisposable
        {
            private readonly ConcurrentQueue<ClientEvent> _queue = new ConcurrentQueue<ClientEvent>();
            private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);

            public bool WantsBodies { get; set; }

            public void OnEvent(ClientEvent clientEvent)
            {
                _queue.Enqueue(clientEvent);
                Wake();
            }

            public void Wake()
            {
                try { _signal.Release(); }
                catch (ObjectDisposedException) { }
            }

            public void WaitForWork(TimeSpan timeout) => _signal.Wait(timeout);

            public bool TryDequeue(out ClientEvent clientEvent) => _queue.TryDequeue(out clientEvent!);

            public void Dispose() => _signal.Dispose();
        }
    }

    /// <summary>A cmdlet that works in a session: adds -Session.</summary>
    public abstract class FragmentCmdlet : FragmentCmdletBase
    {
        /// <summary>The session to use; by default the one the last Connect-Fragment made.</summary>
        [Parameter]
        public FragmentSession? Session { get; set; }

        protected override FragmentSession? ExplicitSession => Session;
    }
}
