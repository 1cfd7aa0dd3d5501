using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace FragmentPS.Core.Http
{
    /// <summary>
    /// Reads every answer's body whole, capped, before the answer goes on up: counted after decompression, so
    /// a 2 GB body or a gzip bomb never takes more memory than the cap, and a declared Content-Length over the
    /// cap is refused before anything is read. The read runs inside the attempt's timeout and the caller's
    /// cancellation, as a handler is awaited under both. A body of a declared length is read into one array of
    /// that length, which is handed on as it is (see <see cref="BufferedBody"/>): a search page is a
    /// large-object allocation, and each copy of one brings the next full garbage collection closer.
    /// </summary>
    internal sealed class ResponseSizeLimitHandler : DelegatingHandler
    {
        private const int FirstBufferBytes = 16 * 1024;
        private readonly long _maxBytes;

        public ResponseSizeLimitHandler(long maxBytes, HttpMessageHandler inner) : base(inner)
        {
            _maxBytes = maxBytes;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            HttpContent? content = response.Content;
            if (content == null) return response;
            try
            {
                byte[] body = await ReadAsync(content, cancellationToken).ConfigureAwait(false);
                var buffered = new BufferedBody(body);
                foreach (var header in content.Headers) buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
                response.Content = buffered;
                content.Dispose();
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        private async Task<byte[]> ReadAsync(HttpContent content, CancellationToken cancellationToken)
        {
            long? declared = content.Headers.ContentLength;
            if (declared > _maxBytes) throw new ResponseTooLargeException(_maxBytes);
            using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[declared ?? FirstBufferBytes];
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    // HttpClient ends a body of a declared length there; one without grows, up to one byte past the cap.
                    if (declared.HasValue) break;
                    Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, _maxBytes + 1));
                }
                int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                length += read;
                if (length > _maxBytes) throw new ResponseTooLargeException(_maxBytes);
            }
            if (length != buffer.Length) Array.Resize(ref buffer, length);
            return buffer;
        }
    }
}
