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
            if (externalId == null) throw new ArgumentNullException(nameof(externalId));
            using var md5 = MD5.Create();
            byte[] hash = md5.ComputeHash(Encoding.UTF8.GetBytes(externalId));
            var hex = new StringBuilder(32);
            foreach (byte b in hash) hex.Append(b.ToString("x2"));
            return Guid.ParseExact(hex.ToString(), "N");
        }
    }
}
