using System.Collections.Generic;

namespace FragmentPS.Core.Http
{
    /// <summary>One API call as the transport sends it: method, path below the base URI, query, JSON body.</summary>
    public sealed class ApiRequest
    {
        public ApiRequest(string method, string path, string? jsonBody = null)
        {
            Method = method.ToUpperInvariant();
            Path = path.TrimStart('/');
            JsonBody = jsonBody;
            RepeatSafe = Resilience.RetryTable.IsIdempotent(Method);
        }

        public string Method { get; }

        /// <summary>Relative to the base URI, e.g. <c>tasks/5f0c...</c>.</summary>
        public string Path { get; }

        public List<KeyValuePair<string, string>> Query { get; } = new List<KeyValuePair<string, string>>();

        public string? JsonBody { get; }

        /// <summary>
        /// True when sending this call again can never apply it twice, so it may be retried after an ambiguous
        /// failure: every method but POST, and a POST that creates under uids the caller chose.
        /// </summary>
        public bool RepeatSafe { get; set; }

        public ApiRequest WithQuery(IEnumerable<KeyValuePair<string, string>> parameters)
        {
            Query.AddRange(parameters);
            return this;
        }

        /// <summary><c>METHOD /path</c>: what errors name. Never carries headers, so never the token.</summary>
        public override string ToString() => Method + " /" + Path;
    }
}
