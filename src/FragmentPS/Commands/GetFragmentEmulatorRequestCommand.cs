using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using FragmentPS.Core;
using FragmentPS.Emulator;

namespace FragmentPS.Commands
{
    /// <summary>
    /// The requests an emulator served under /api/v1, oldest first (newest last): method, path, query, parsed
    /// body, status, time and attempt, so a test can assert what a runbook sent.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "FragmentEmulatorRequest")]
    [OutputType(typeof(FragmentEmulatorRequest))]
    public sealed class GetFragmentEmulatorRequestCommand : EmulatorTargetCmdlet
    {
        /// <summary>The emulator; by default the one the last Start-FragmentEmulator -Connect made.</summary>
        [Parameter(ValueFromPipeline = true)]
        public FragmentEmulator? Emulator { get; set; }

        /// <summary>Only these methods (wildcards allowed, case-insensitive).</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string[]? Method { get; set; }

        /// <summary>Only paths (below the API base, without the query) that match one of these, e.g. '/tasks/*'.</summary>
        [Parameter(Position = 1)]
        [SupportsWildcards]
        public string[]? Path { get; set; }

        /// <summary>Only requests that arrived at or after this time.</summary>
        [Parameter]
        public DateTimeOffset? Since { get; set; }

        protected override FragmentEmulator? GivenEmulator => Emulator;

        protected override void Act(FragmentEmulator emulator)
        {
            string route = Since.HasValue ? "requests?since=" + Uri.EscapeDataString(FragmentJson.FormatDate(Since.Value)) : "requests";
            JsonElement answer = CallAdminOrStop(emulator, HttpMethod.Get, route);
            List<WildcardPattern> methods = Patterns(Method), paths = Patterns(Path);
            foreach (JsonElement entry in answer.GetProperty("requests").EnumerateArray())
            {
                FragmentEmulatorRequest request = EmulatorAnswers.Request(entry);
                if (Matches(methods, request.Method) && Matches(paths, request.Path)) WriteObject(request);
            }
        }

        private static List<WildcardPattern> Patterns(string[]? texts) =>
            (texts ?? Array.Empty<string>()).Select(text => new WildcardPattern(text, WildcardOptions.IgnoreCase)).ToList();

        private static bool Matches(List<WildcardPattern> patterns, string value) =>
            patterns.Count == 0 || patterns.Any(pattern => pattern.IsMatch(value));
    }
}
