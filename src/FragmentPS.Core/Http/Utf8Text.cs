using System;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace FragmentPS.Core.Http
{
    /// <summary>
    /// Mends an answer's text before it is parsed. System.Text.Json reads invalid UTF-8 and a lone surrogate
    /// escape (<c>"\udc00"</c>) without complaint and fails only when the string is taken, which for a task's
    /// fields is in a property getter called by PowerShell's views, ConvertTo-Json and Export-Csv, far from any
    /// error handling. So each bad sequence becomes U+FFFD here, as a browser shows it, and the rest stands.
    /// </summary>
    internal static class Utf8Text
    {
        public static ReadOnlyMemory<byte> Mend(ReadOnlyMemory<byte> body)
        {
            ReadOnlySpan<byte> span = body.Span;
            bool valid = Utf8.IsValid(span);
            int escape = span.IndexOf((byte)'\\');
            if (valid && escape < 0) return body;
            // Encoding.UTF8 replaces each invalid sequence with U+FFFD when decoding.
            byte[] text = valid ? span.ToArray() : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(span));
            ReplaceLoneSurrogateEscapes(text);
            return text;
        }

        /// <summary>Rewrites, in place, each <c>\uD800</c>–<c>\uDFFF</c> escape that is not half of a pair as <c>\uFFFD</c>.</summary>
        private static void ReplaceLoneSurrogateEscapes(byte[] text)
        {
            for (int i = 0; i < text.Length - 1; i++)
            {
                if (text[i] != '\\') continue;
                if (text[i + 1] != 'u') { i++; continue; }     // \\, \" and the like: skip the escaped character
                if (!TryHex(text, i + 2, out int unit)) { i++; continue; }
                if (unit >= 0xD800 && unit <= 0xDBFF && i + 11 < text.Length && text[i + 6] == '\\' && text[i + 7] == 'u'
                    && TryHex(text, i + 8, out int low) && low >= 0xDC00 && low <= 0xDFFF)
                {
                    i += 11;                                     // a well-formed pair
                    continue;
                }
                if (unit >= 0xD800 && unit <= 0xDFFF)
                {
                    text[i + 2] = (byte)'F'; text[i + 3] = (byte)'F'; text[i + 4] = (byte)'F'; text[i + 5] = (byte)'D';
                }
                i += 5;
            }
        }

        /// <summary>Four hex digits at <paramref name="start"/>, and nothing else (no sign, no spaces).</summary>
        private static bool TryHex(byte[] text, int start, out int value)
        {
            value = 0;
            return start + 4 <= text.Length
                && int.TryParse(text.AsSpan(start, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }
    }
}
