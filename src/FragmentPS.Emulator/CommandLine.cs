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
        public const string Usage =
            "Usage: FragmentPS.Emulator --token <token> [options]\n" +
            "\n" +
            "Serves the Fragment task API under http://<host>:<port>/api/v1 and prints one line,\n" +
            "'Listening on http://127.0.0.1:<port>/api/v1', once it accepts requests. SIGTERM or Ctrl+C stops it.\n" +
            "\n" +
            "Options:\n" +
            "  --token <t>            a bearer token to accept (required; repeat for more)\n" +
            "  --port <n>             the port; 0 (default) picks a free one\n" +
            "  --host <addr>          the address to bind (default 127.0.0.1; 0.0.0.0 for every interface)\n" +
            "  --rate-limit <n>       requests a minute per token (default 60; 0 switches it off)\n" +
            "  --burst <n>            requests a full bucket lets through at once (default 10)\n" +
            "  --max-page-size <n>    the largest search limit (default 100)\n" +
            "  --max-body-bytes <n>   larger request bodies get 413 (default 10485760)\n" +
            "  --faults <file.json>   fault rules active from the start: {\"rules\": [...]}\n" +
            "  --latency-ms <n>       a delay added to every /api/v1 request\n" +
            "  --help                 this text\n" +
            "\n" +
            "Admin routes (no auth): /_emulator/health, reset, seed, stats, tokens, faults.\n";

        private CommandLine(EmulatorOptions? options, bool help, string? error)
        {
            Options = options;
            Help = help;
            Error = error;
        }

        public EmulatorOptions? Options { get; }
        public bool Help { get; }
        public string? Error { get; }

        public static CommandLine Parse(IReadOnlyList<string> args)
        {
            var options = new EmulatorOptions();
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
                if (options.Tokens.Count == 0) throw new FormatException("--token is required.");
                options.Validate();
                return new CommandLine(options, help: false, null);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                return new CommandLine(null, help: false, ex.Message);
            }
        }

        private static string NonEmpty(string option, string value) =>
            value.Length > 0 ? value : throw new FormatException($"{option} needs a non-empty value.");

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
