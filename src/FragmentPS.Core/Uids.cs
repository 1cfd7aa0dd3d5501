using System;
using System.Security.Cryptography;
using System.Text;

namespace FragmentPS.Core
{
    public static class Uids
    {
        /// <summary>
        /// The uid the docs derive from an external id: the MD5 of its UTF-8 bytes, the 32 hex digits read as
        /// a UUID. Parsing the hex string keeps the digits in order (<c>new Guid(byte[])</c> would reorder them).
        /// </summary>
        public static Guid FromExternalId(string externalId)
        {
            ArgumentNullException.ThrowIfNull(externalId);
#pragma warning disable CA5351 // MD5 here names, as the docs define it; it protects nothing
            byte[] hash = MD5.HashData(Encoding.UTF8.GetBytes(externalId));
#pragma warning restore CA5351
            return Guid.ParseExact(Convert.ToHexString(hash), "N");
        }
    }
}
