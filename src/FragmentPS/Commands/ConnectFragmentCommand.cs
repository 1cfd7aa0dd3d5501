using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using FragmentPS.Core;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Http;
using FragmentPS.Core.Resilience;
using FragmentPS.Errors;

namespace FragmentPS.Commands
{
    /// <summary>Connects to Fragment: checks the token with GET /accounts/me and makes the default session.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Fragment")]
    [OutputType(typeof(FragmentSession))]
    public sealed class ConnectFragmentCommand : FragmentCmdletBase
    {
        /// <summary>The API token; by default $env:FRAGMENT_TOKEN.</summary>
        [Parameter(Position = 0)]
        public SecureString? Token { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Uri BaseUri { get; set; } = new Uri(FragmentClientOptions.DefaultBaseUri);

        [Parameter]
        [ValidateRange(0, 20)]
        public int MaximumRetryCount { get; set; } = new RetryOptions().MaxRetries;

        [Parameter]
        [ValidateRange(0.01, 600)]
        public double RetryIntervalSec { get; set; } = new RetryOptions().BaseDelay.TotalSeconds;

        [Parameter]
        [ValidateRange(1, 86400)]
        public int MaximumRetryTimeSec { get; set; } = (int)new RetryOptions().MaxRetryTime.TotalSeconds;

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = (int)new RetryOptions().RequestTimeout.TotalSeconds;

        /// <summary>The client-side limit; 0 switches it off. Shared by every session of the same token.</summary>
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
            string token = ReadToken();
            var options = new FragmentClientOptions
            {
                BaseUri = BaseUri,
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
            var shownUri = new Uri(ApiPath.Display(BaseUri));
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
                ThrowApiError(ex, shownUri);
            }

            SessionRegistry.Default = session;
            WriteVerbose($"Connected to {shownUri} as account '{session.AccountName}'.");
            if (PassThru) WriteObject(session);
        }

        private string ReadToken()
        {
            string? token = Token != null
                ? new NetworkCredential(string.Empty, Token).Password
                : Environment.GetEnvironmentVariable(FragmentClientOptions.TokenEnvironmentVariable);
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
    }
}
