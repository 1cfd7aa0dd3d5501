using System;
using FragmentPS.Core.Errors;

namespace FragmentPS.Core.Http
{
    /// <summary>
    /// Where a request really goes. Every request carries the token, so its URL must stay below the session's base
    /// URI: a path is resolved against the base and the result checked after the URI's own normalisation (dot
    /// segments, backslashes), so "http://other", "//other", "../.." or "%2e%2e" can never leave it.
    /// </summary>
    public static class ApiPath
    {
        /// <summary>The absolute URL of <paramref name="path"/> below <paramref name="baseUri"/>; refused when it would leave it.</summary>
        public static Uri Resolve(Uri baseUri, string path)
        {
            if (path == null) throw Refused(string.Empty, "it is empty");
            if (FragmentTransport.HasControlCharacter(path)) throw Refused(path, "it contains a control character");
            string relative = path.Trim().TrimStart('/');
            // Encoded separators could be decoded by a proxy or server into a path that climbs out.
            if (relative.Contains("%2f", StringComparison.OrdinalIgnoreCase) || relative.Contains("%5c", StringComparison.OrdinalIgnoreCase))
                throw Refused(path, "it contains an encoded '/' or '\\'");
            Uri root = Root(baseUri);
            if (!Uri.TryCreate(root, relative, out var resolved) || !IsBelow(root, resolved))
                throw Refused(path, $"it does not stay below the session's base URI {Display(root)}");
            return resolved;
        }

        /// <summary>True when <paramref name="uri"/> has the base's scheme, host, port and user part and a path below the base's.</summary>
        public static bool IsBelow(Uri baseUri, Uri uri)
        {
            Uri root = Root(baseUri);
            return uri.IsAbsoluteUri
                && string.Equals(uri.Scheme, root.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(uri.Host, root.Host, StringComparison.OrdinalIgnoreCase)
                && uri.Port == root.Port
                && string.Equals(uri.UserInfo, root.UserInfo, StringComparison.Ordinal)
                && uri.AbsolutePath.StartsWith(root.AbsolutePath, StringComparison.Ordinal);
        }

        /// <summary>A URI as errors and -WhatIf show it: without any user:password part.</summary>
        public static string Display(Uri uri) =>
            uri.IsAbsoluteUri && uri.UserInfo.Length > 0
                ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.AbsoluteUri
                : uri.ToString();

        private static Uri Root(Uri baseUri) =>
            baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");

        private static FragmentApiException Refused(string path, string why) =>
            new FragmentApiException(FragmentErrorKind.InvalidPath,
                $"The path '{path.Trim()}' was refused: {why}. Give a path below the base URI, such as /tasks or tasks/<uid>/comments.");
    }
}
