using System;
using System.Linq;
using System.Management.Automation.Host;

namespace FragmentPS.Internal
{
    /// <summary>Whether a person can answer a prompt: never in CI, never in a pwsh started -NonInteractive.</summary>
    internal static class InteractiveHost
    {
        // Set by the common CI services (GitHub Actions, GitLab, CircleCI, Travis: CI; Azure Pipelines: TF_BUILD).
        private static readonly string[] CiVariables = { "CI", "TF_BUILD" };

        public static bool CanPrompt(PSHost? host)
        {
            if (host?.UI == null) return false;
            if (CiVariables.Any(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)))) return false;
            // The console host of this process obeys pwsh's own switch; other hosts (editors, custom hosts)
            // are asked, and one that cannot read says so with an exception the caller catches.
            return host.Name != "ConsoleHost" || !StartedNonInteractive();
        }

        private static bool StartedNonInteractive()
        {
            foreach (string arg in Environment.GetCommandLineArgs().Skip(1))
            {
                string name = arg.TrimStart('-', '/').ToLowerInvariant();
                // pwsh accepts any unambiguous prefix: -noni, -nonint, -NonInteractive.
                if (name.Length >= 4 && "noninteractive".StartsWith(name, StringComparison.Ordinal) && arg.Length > name.Length) return true;
                // Everything after -Command or -File belongs to the script, not to pwsh.
                if (name == "c" || name == "command" || name == "f" || name == "file" || name == "commandwithargs" || name == "cwa") break;
            }
            return false;
        }
    }
}
