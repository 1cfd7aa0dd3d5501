using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using FragmentPS.Core;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Http;
using FragmentPS.Core.Resilience;
using FragmentPS.Errors;
using FragmentPS.Internal;

namespace FragmentPS.Commands
{
    /// <summary>Connects to Fragment: checks the token with GET /accounts/me and makes the default session.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Fragment")]
    [OutputType(typeof(FragmentSession))]
    public sealed class ConnectFragmentCommand : FragmentCmdletBase
    {
        /// <summary>The API token; by default $env:FRAGMENT_TOKEN, else (in an interactive shell) a prompt.</summary>
        [Parameter(Position = 0)]
        [TokenTransformation]
        public SecureString? Token { get; set; }

        /// <summary>By default $env:FRAGMENT_BASE_URI, else the real service.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        /// <summary>The name -Session accepts for this session; by default the account's name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Retries after failures other than 429 (429s are retried until -MaximumRetryTimeSec is spent).</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaximumRetryCount { get; set; } = new RetryOptions().MaxRetries;

        [Parameter]
        [ValidateRange(0.01, 600)]
        public double RetryIntervalSec { get; set; } = new RetryOptions().BaseDelay.TotalSeconds;

        /// <summary>The time budget of one call's retries: the one bound on retries after 429s.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int MaximumRetryTimeSec { get; set; } = (int)new RetryOptions().MaxRetryTime.TotalSeconds;

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = (int)new RetryOptions().RequestTimeout.TotalSeconds;

        /// <summary>
        /// The client-side limit; 0 sends without waiting (the requests still count in the token's budget). One
        /// budget per token, shared by its sessions and by this user's processes on the host.
        /// </summary>
        [Parameter]
        [ValidateRange(0, 1000000)]
        public int RequestsPerMinute { get; set; } = RateLimitOptions.DefaultRequestsPerMinute;

        [Parameter]
        [ValidateRange(1, 10000)]
        public int Burst { get; set; } = RateLimitOptions.DefaultBurst;

        /// <summary>The cap on one answer's body, after decompression; a larger answer is refused unread.</summary>
        [Parameter]
        [ValidateRange(1, FragmentClientOptions.MaxResponseSizeMBLimit)]
        public int MaximumResponseSizeMB { get; set; } = FragmentClientOptions.DefaultMaxResponseSizeMB;

        /// <summary>Allows sending the token over plain http to a host that is not loopback.</summary>
        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            Uri baseUri = ResolveBaseUri();
            string token = ReadToken();
            var options = new FragmentClientOptions
            {
                BaseUri = baseUri,
                AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
                MaxResponseSizeMB = MaximumResponseSizeMB,
                Retry = new RetryOptions
                {
                    MaxRetries = MaximumRetryCount,
                    BaseDelay = TimeSpan.FromSeconds(RetryIntervalSec),
                    MaxRetryTime = TimeSpan.FromSeconds(MaximumRetryTimeSec),
                    RequestTimeout = TimeSpan.FromSeconds(TimeoutSec),
                },
                RateLimit = new RateLimitOptions { RequestsPerMinute = RequestsPerMinute, Burst = Burst },
            };

            // What errors and the session show: the base URI without a user:password part.
            var shownUri = new Uri(ApiPath.Display(baseUri));
            FragmentClient client;
            try { client = new FragmentClient(options, token); }
            catch (FragmentApiException ex) { ThrowApiError(ex, shownUri); return; }

            var session = new FragmentSession(client, shownUri)
            {
                RequestsPerMinute = RequestsPerMinute,
                Burst = Burst,
                MaximumRetryCount = MaximumRetryCount,
                TimeoutSec = TimeoutSec,
                MaximumResponseSizeMB = MaximumResponseSizeMB,
                TokenFingerprint = client.Transport.TokenFingerprint,
            };
            CurrentSession = session;
            try
            {
                var account = RunSync(ct => Client.GetAccountAsync(ct));
                session.AccountUid = account.Uid;
                session.AccountName = account.Name;
                session.ConnectedAt = DateTimeOffset.Now;
            }
            catch (FragmentApiException ex)
            {
                client.Dispose();
                if (ex.Kind == FragmentErrorKind.NotFound) ThrowTerminatingError(NoApiThere(ex, shownUri));
                ThrowApiError(ex, shownUri);
            }

            session.Name = Name ?? (string.IsNullOrWhiteSpace(session.AccountName) ? shownUri.Authority : session.AccountName);
            SessionRegistry.Add(session);
            WriteVerbose($"Connected to {shownUri} as account '{session.AccountName}' (session '{session.Name}').");
            if (PassThru) WriteObject(session);
        }

        /// <summary>-BaseUri, else $env:FRAGMENT_BASE_URI, else the real service.</summary>
        private Uri ResolveBaseUri()
        {
            if (BaseUri != null) return BaseUri;
            string variable = FragmentClientOptions.BaseUriEnvironmentVariable;
            string? fromEnvironment = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrWhiteSpace(fromEnvironment)) return new Uri(FragmentClientOptions.DefaultBaseUri);
            if (!Uri.TryCreate(fromEnvironment!.Trim(), UriKind.Absolute, out var uri))
            {
                ThrowTerminatingError(ErrorMapper.Refused(ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument,
                    // Shown only when it cannot carry a password (user:password@host).
                    $"${"env:"}{variable}{(fromEnvironment.Contains('@') ? string.Empty : $" ('{fromEnvironment.Trim()}')")} is not an absolute URI.", variable,
                    $"Set ${"env:"}{variable} to a base URI such as {FragmentClientOptions.DefaultBaseUri}, or pass -BaseUri."));
            }
            return uri!;
        }

        private string ReadToken()
        {
            string? token = Token != null
                ? new NetworkCredential(string.Empty, Token).Password
                : Environment.GetEnvironmentVariable(FragmentClientOptions.TokenEnvironmentVariable);
            if (string.IsNullOrWhiteSpace(token) && Token == null) token = PromptForToken();
            if (string.IsNullOrWhiteSpace(token))
            {
                ThrowTerminatingError(ErrorMapper.Refused(ErrorIds.NoToken, ErrorCategory.AuthenticationError,
                    $"No token: pass -Token (a SecureString, e.g. from Read-Host -AsSecureString) or set ${"env:"}{FragmentClientOptions.TokenEnvironmentVariable}.",
                    null, "Create a token in Fragment under Settings > Developers."));
            }
            token = token!.Trim();
            if (FragmentTransport.HasControlCharacter(token))
            {
                ThrowTerminatingError(ErrorMapper.Refused(ErrorIds.InvalidToken, ErrorCategory.InvalidArgument,
                    "The token contains a control character (such as a line break inside it), so it cannot be sent. It is not shown here.",
                    null, "Copy the token again from Settings > Developers in Fragment, without line breaks."));
            }
            return token;
        }

        /// <summary>Asks the host for the token, masked, when a person can answer; null otherwise.</summary>
        private string? PromptForToken()
        {
            if (!InteractiveHost.CanPrompt(Host)) return null;
            try
            {
                Host.UI.Write($"Fragment token (Settings > Developers; hidden, or set ${"env:"}{FragmentClientOptions.TokenEnvironmentVariable}): ");
                SecureString answer = Host.UI.ReadLineAsSecureString();
                return answer == null ? null : new NetworkCredential(string.Empty, answer).Password;
            }
            catch (Exception ex) when (ex is System.Management.Automation.Host.HostException || ex is PSInvalidOperationException || ex is NotImplementedException || ex is NotSupportedException)
            {
                // A host without a way to read (a service, a remote host that refuses) counts as non-interactive.
                return null;
            }
        }

        /// <summary>A 404 from /accounts/me: the base URI points to a server without the API at that path.</summary>
        private ErrorRecord NoApiThere(FragmentApiException ex, Uri shownUri)
        {
            var record = ErrorMapper.ToErrorRecord(ex, shownUri, Redact);
            string path = shownUri.AbsolutePath.TrimEnd('/');
            bool hasSuffix = path.EndsWith(FragmentClientOptions.ApiPathSuffix, StringComparison.OrdinalIgnoreCase);
            string suggested = shownUri.GetLeftPart(UriPartial.Authority) + path + FragmentClientOptions.ApiPathSuffix;
            string message = hasSuffix
                ? $"{record.ErrorDetails.Message} The server at {shownUri} answered, but has no Fragment API there."
                : $"{record.ErrorDetails.Message} The Fragment API lives under {FragmentClientOptions.ApiPathSuffix}: did you mean {suggested}?";
            record.ErrorDetails = new ErrorDetails(message)
            {
                RecommendedAction = hasSuffix
                    ? $"Check -BaseUri; the real service is {FragmentClientOptions.DefaultBaseUri}."
                    : $"Connect-Fragment -BaseUri '{suggested}'",
            };
            return record;
        }
    }
}
