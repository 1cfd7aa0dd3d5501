using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using FragmentPS.Emulator.Faults;
using FragmentPS.Emulator.Validation;

namespace FragmentPS.Emulator
{
    /// <summary>The command line: options to <see cref="EmulatorOptions"/>, or one line saying what is wrong.</summary>
    internal sealed class CommandLine
    {
        /// <summary>Tokens to accept, comma-separated: the way to give them that no other local user can read.</summary>
        public const string TokensVariable = "FRAGMENT_EMULATOR_TOKENS";

        public const string Usage =
            "Usage: FragmentPS.Emulator [--token <token>]... [options]\n" +
            "\n" +
            "Serves the Fragment task API under http://<host>:<port>/api/v1 and prints\n" +
            "'Listening on http://127.0.0.1:<port>/api/v1' once it accepts requests, then\n" +
            "'Admin key: <key>' unless --admin-key gave one. SIGTERM or Ctrl+C stops it.\n" +
            "\n" +
            "Tokens: the bearer tokens it accepts, at least one, from the environment variable\n" +
            "  " + TokensVariable + " (comma-separated) and from --token.\n" +
            "\n" +
            "Options:\n" +
            "  --token <t>            a bearer token to accept (repeat for more). Visible to every local\n" +
            "                         user in the process list: prefer " + TokensVariable + "\n" +
            "  --admin-key <k>        the key the /_emulator/ routes require in the header\n" +
            "                         X-Fragment-Emulator-Key (default: a new random one, printed);\n" +
            "                         visible in the process list too\n" +
            "  --port <n>             the port; 0 (default) picks a free one\n" +
            "  --host <addr>          the address to bind (default 127.0.0.1; 0.0.0.0 for every interface)\n" +
            "  --rate-limit <n>       requests a minute per token (default 60; 0 switches it off)\n" +
            "  --burst <n>            requests a full bucket lets through at once (default 10)\n" +
            "  --max-page-size <n>    the largest search limit (default 100)\n" +
            "  --max-body-bytes <n>   larger request bodies get 413 (default 10485760)\n" +
            "  --faults <file.json>   fault rules active from the start: {\"rules\": [...]}\n" +
            "  --latency-ms <n>       a delay added to every /api/v1 request\n" +
            "  --now <date>           where the emulator's clock starts (ISO-8601); it runs on from there\n" +
            "  --exit-with-parent     for launchers: stops when standard input closes (the launcher ended,\n" +
            "                         however it ended), and leaves the terminal's process group and\n" +
            "                         ignores SIGINT, so Ctrl+C in the launcher's terminal does not stop it\n" +
            "  --help                 this text\n" +
            "\n" +
            "Admin routes (X-Fragment-Emulator-Key, loopback Host, JSON bodies): /_emulator/reset, seed,\n" +
            "tasks, stats, requests, clock, tokens, faults; /_emulator/health needs no key.\n" +
            "\n" +
            "Exit codes: 0 stopped, 1 failed, 2 bad options, 3 the port is in use.\n";

        private CommandLine(EmulatorOptions? options, bool help, string? error, bool exitWithParent = false)
        {
            Options = options;
            Help = help;
            Error = error;
            ExitWithParent = exitWithParent;
        }

        public EmulatorOptions? Options { get; }
        public bool Help { get; }
        public string? Error { get; }

        /// <summary>--exit-with-parent: the process that started it owns its lifetime (see <see cref="Usage"/>).</summary>
        public bool ExitWithParent { get; }

        /// <summary>Reads <paramref name="args"/>; <paramref name="tokensVariable"/> is the value of <see cref="TokensVariable"/>.</summary>
        public static CommandLine Parse(IReadOnlyList<string> args, string? tokensVariable = null)
        {
            var options = new EmulatorOptions();
            bool exitWithParent = false;
            foreach (string token in (tokensVariable ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.Tokens.Add(token);
            }
            try
            {
                for (int i = 0; i < args.Count; i++)
                {
                    string arg = args[i];
                    string? inline = null;
                    int equals = arg.IndexOf('=');
                    if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
                    {
                        inline = arg.Substring(equals + 1);
                        arg = arg.Substring(0, equals);
                    }
                    string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new FormatException($"{arg} needs a value."));

                    switch (arg)
                    {
                        case "--help" or "-h" or "-?": return new CommandLine(null, help: true, null);
                        case "--token": options.Tokens.Add(NonEmpty(arg, Value())); break;
                        case "--admin-key": options.AdminKey = NonEmpty(arg, Value()); break;
                        case "--now": options.Now = Date(arg, Value()); break;
                        case "--exit-with-parent": exitWithParent = true; break;
                        case "--port": options.Port = Number(arg, Value(), 0, 65535); break;
                        case "--host": options.Host = NonEmpty(arg, Value()); break;
                        case "--rate-limit": options.RateLimitPerMinute = Number(arg, Value(), 0, int.MaxValue); break;
                        case "--burst": options.Burst = Number(arg, Value(), 1, int.MaxValue); break;
                        case "--max-page-size": options.MaxPageSize = Number(arg, Value(), 1, int.MaxValue); break;
                        case "--max-body-bytes": options.MaxBodyBytes = Number(arg, Value(), 1, int.MaxValue); break;
                        case "--latency-ms": options.LatencyMs = Number(arg, Value(), 0, 600_000); break;
                        case "--faults": AddFaultFile(options, Value()); break;
                        default: throw new FormatException($"Unknown option '{arg}'.");
                    }
                }
                if (options.Tokens.Count == 0) throw new FormatException($"no token: set {TokensVariable} or give --token.");
                options.Validate();
                return new CommandLine(options, help: false, null, exitWithParent);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                return new CommandLine(null, help: false, ex.Message);
            }
        }

        private static string NonEmpty(string option, string value) =>
            value.Length > 0 ? value : throw new FormatException($"{option} needs a non-empty value.");

        private static DateTime Date(string option, string value) =>
            Json.IsoDates.TryParse(value, out DateTime date) ? date : throw new FormatException($"{option} takes an ISO-8601 date, such as 2030-01-31T09:00:00Z, not '{value}'.");

        private static int Number(string option, string value, int min, int max)
        {
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= min && number <= max) return number;
            throw new FormatException($"{option} takes a whole number from {min} to {max}, not '{value}'.");
        }

        private static void AddFaultFile(EmulatorOptions options, string path)
        {
            JsonElement json;
            try
            {
                json = JsonDocument.Parse(File.ReadAllBytes(path)).RootElement;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
            {
                throw new FormatException($"--faults {path}: {ex.Message}");
            }
            var errors = new ValidationErrors();
            List<FaultRule> rules = FaultRuleJson.ParseRules(json, errors);
            if (errors.Any)
            {
                ValidationError first = errors.All[0];
                throw new FormatException($"--faults {path}: {string.Join('.', first.Loc)}: {first.Msg}.");
            }
            foreach (FaultRule rule in rules) options.FaultRules.Add(rule);
        }
    }
}
