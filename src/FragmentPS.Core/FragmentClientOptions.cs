using System;
using System.Net;
using System.Reflection;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Resilience;

namespace FragmentPS.Core
{
    public sealed class FragmentClientOptions
    {
        /// <summary>The real service [DOC].</summary>
        public const string DefaultBaseUri = "https://api.onfragment.com" + ApiPathSuffix;

        /// <summary>Where every API path lives below the host [DOC]; a base URI without it finds no API.</summary>
        public const string ApiPathSuffix = "/api/v1";

        /// <summary>The environment variable a base URI other than the real service's is read from.</summary>
        public const string BaseUriEnvironmentVariable = "FRAGMENT_BASE_URI";

        /// <summary>The environment variable the quickstart keeps the token in [DOC].</summary>
        public const string TokenEnvironmentVariable = "FRAGMENT_TOKEN";

        /// <summary>The default cap on one answer's body: far above any real page (100 tasks are ~100 KB).</summary>
        public const int DefaultMaxResponseSizeMB = 32;

        /// <summary>The largest cap: response bodies are read into arrays, which stop short of 2 GB.</summary>
        public const int MaxResponseSizeMBLimit = 2047;

        public Uri BaseUri { get; set; } = new Uri(DefaultBaseUri);

        /// <summary>The cap on one answer's body, counted after decompression; a larger answer is refused unread.</summary>
        public int MaxResponseSizeMB { get; set; } = DefaultMaxResponseSizeMB;

        internal long MaxResponseBytes => MaxResponseSizeMB * 1024L * 1024L;
        public RetryOptions Retry { get; set; } = new RetryOptions();
        public RateLimitOptions RateLimit { get; set; } = new RateLimitOptions();

        /// <summary>Lets the token go over plain http to a host that is not loopback (never the default).</summary>
        public bool AllowUnencryptedAuthentication { get; set; }

        public string UserAgent { get; set; } = DefaultUserAgent;

        /// <summary>Requests without a User-Agent may be blocked by the API's anti-DDoS rules [DOC].</summary>
        public static string DefaultUserAgent { get; } = "FragmentPS/" + Version + " (+PowerShell)";

        public static string Version { get; } =
            typeof(FragmentClientOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(FragmentClientOptions).Assembly.GetName().Version?.ToString() ?? "0.0.0";

        public void Validate()
        {
            if (MaxResponseSizeMB < 1 || MaxResponseSizeMB > MaxResponseSizeMBLimit)
                throw new FragmentApiException(FragmentErrorKind.InvalidArgument,
                    $"The response size limit of {MaxResponseSizeMB} MB is out of range; use 1 to {MaxResponseSizeMBLimit} MB.");
            if (!BaseUri.IsAbsoluteUri || (BaseUri.Scheme != Uri.UriSchemeHttps && BaseUri.Scheme != Uri.UriSchemeHttp))
                throw new FragmentApiException(FragmentErrorKind.InvalidArgument,
                    $"The base URI '{Http.ApiPath.Display(BaseUri)}' is not an absolute http or https URI; use e.g. {DefaultBaseUri}.");
            if (BaseUri.Scheme == Uri.UriSchemeHttp && !IsLoopback(BaseUri) && !AllowUnencryptedAuthentication)
                throw new FragmentApiException(FragmentErrorKind.Configuration,
                    $"The base URI '{Http.ApiPath.Display(BaseUri)}' uses plain http to a host that is not loopback, which would send the token unencrypted. Use https, or allow it explicitly with -AllowUnencryptedAuthentication.");
        }

        public static bool IsLoopback(Uri uri) =>
            uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
