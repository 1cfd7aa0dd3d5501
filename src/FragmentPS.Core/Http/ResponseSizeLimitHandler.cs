using System;
using System.Collections.Generic;
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
        private const int ChunkBytes = 64 * 1024;
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
            if (declared.HasValue)
            {
                // HttpClient ends a body of a declared length there.
                var body = new byte[declared.Value];
                int length = 0, read;
                while (length < body.Length && (read = await stream.ReadAsync(body.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0) length += read;
                return length == body.Length ? body : throw new IOException($"The answer ended after {length} of the {body.Length} bytes it declared.");
            }
            // A body of no declared length (chunked, or decompressed) comes in chunks below the large-object heap's
            // threshold, joined once at the end: one refused at the cap has taken no more than the cap.
            var chunks = new List<byte[]>();
            long total = 0;
            while (true)
            {
                var chunk = new byte[ChunkBytes];
                int filled = 0, read;
                while (filled < chunk.Length && (read = await stream.ReadAsync(chunk.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    filled += read;
                    if (total + filled > _maxBytes) throw new ResponseTooLargeException(_maxBytes);
                }
                total += filled;
                if (filled < chunk.Length)
                {
                    Array.Resize(ref chunk, filled);
                    chunks.Add(chunk);
                    break;
                }
                chunks.Add(chunk);
            }
            if (chunks.Count == 1) return chunks[0];
            var whole = new byte[total];
            int at = 0;
            foreach (byte[] chunk in chunks)
            {
                chunk.CopyTo(whole, at);
                at += chunk.Length;
            }
            return whole;
        }
    }
}
