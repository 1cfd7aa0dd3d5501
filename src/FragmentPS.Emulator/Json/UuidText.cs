using System;
using System.Security.Cryptography;
using System.Text;

namespace FragmentPS.Emulator.Json
{
    /// <summary>UUIDs as the API reads and writes them: lower-case, hyphenated.</summary>
    internal static class UuidText
    {
        /// <summary>Accepts the hyphenated and the 32-hex-digit spellings, any case.</summary>
        public static bool TryParse(string? text, out Guid uid)
        {
            uid = Guid.Empty;
            return text is not null &&
                   (Guid.TryParseExact(text, "D", out uid) || Guid.TryParseExact(text, "N", out uid));
        }

        /// <summary>The docs' derivation of a uid from text: the MD5 of its UTF-8 bytes, read as 32 hex digits.</summary>
        public static Guid FromText(string text)
        {
#pragma warning disable CA5351 // MD5 here names, as the docs define it; it protects nothing
            return Guid.ParseExact(Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text))), "N");
#pragma warning restore CA5351
        }
    }
}
