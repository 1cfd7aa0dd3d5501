using System.Collections.Concurrent;
using System.Collections.Generic;

namespace FragmentPS.Emulator.Auth
{
    /// <summary>The bearer tokens the emulator accepts: those it started with and those added at run time. A revoked token fails at once.</summary>
    internal sealed class TokenRegistry
    {
        private readonly ConcurrentDictionary<string, bool> _tokens = new ConcurrentDictionary<string, bool>();

        public TokenRegistry(IEnumerable<string> tokens) => Add(tokens);

        public void Add(IEnumerable<string> tokens)
        {
            foreach (string token in tokens) _tokens[token] = true;
        }

        public void Revoke(IEnumerable<string> tokens)
        {
            foreach (string token in tokens) _tokens[token] = false;
        }

        public TokenCheck Check(string token) =>
            !_tokens.TryGetValue(token, out bool valid) ? TokenCheck.Unknown : valid ? TokenCheck.Valid : TokenCheck.Revoked;
    }
}
