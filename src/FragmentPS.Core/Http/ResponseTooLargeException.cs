using System;

namespace FragmentPS.Core.Http
{
    /// <summary>An answer's body passed the size limit; thrown from inside HttpClient's read, typed so the transport can tell it apart.</summary>
    internal sealed class ResponseTooLargeException : Exception
    {
        public ResponseTooLargeException(long maxBytes)
            : base($"The response body is larger than the limit of {maxBytes} bytes.")
        {
            MaxBytes = maxBytes;
        }

        public long MaxBytes { get; }
    }
}
