using System;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FragmentPS.Core.Http
{
    /// <summary>
    /// Removes a session's secrets (the token, a password in the base URI) from text that may reach the user. The
    /// transport runs every string it hands out through it before anything is cut short, so no prefix of a secret
    /// survives truncation; the JSON-escaped spelling of each secret is removed too.
    /// </summary>
    public sealed class SecretRedactor
    {
        public const string Mask = "[redacted]";
        private readonly List<string> _secrets = new List<string>();

        public SecretRedactor(string token, Uri baseUri)
        {
            Add(token);
            if (baseUri.IsAbsoluteUri && baseUri.UserInfo.Length > 0)
            {
                string userInfo = baseUri.UserInfo;
                int colon = userInfo.IndexOf(':');
                if (colon >= 0) Add(userInfo.Substring(colon + 1));
                Add(userInfo);
                Add(Uri.UnescapeDataString(userInfo));
            }
            // Longest first, so a secret that contains another is masked whole.
            _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
        }

        private void Add(string secret)
        {
            if (string.IsNullOrEmpty(secret)) return;
            foreach (var spelling in new[] { secret, JsonEncodedText.Encode(secret, JavaScriptEncoder.Default).ToString(), JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() })
                if (!_secrets.Contains(spelling)) _secrets.Add(spelling);
        }

        public string Redact(string text)
        {
            foreach (var secret in _secrets)
                if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, Mask);
            return text;
        }

        public string? RedactOrNull(string? text) => text == null ? null : Redact(text);

        /// <summary>
        /// A body as the -Debug stream shows it: JSON is rewritten with its escapes undone (a server may spell the
        /// token as \u0073\u0065...), then redacted; anything else is decoded as text and redacted.
        /// </summary>
        public string ReadableBody(byte[] body)
        {
            string text;
            try
            {
                using var doc = JsonDocument.Parse(body);
                text = JsonSerializer.Serialize(doc.RootElement, RelaxedJson);
            }
            catch (JsonException)
            {
                text = System.Text.Encoding.UTF8.GetString(body);
            }
            return Redact(text);
        }

        private static readonly JsonSerializerOptions RelaxedJson = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    }
}
