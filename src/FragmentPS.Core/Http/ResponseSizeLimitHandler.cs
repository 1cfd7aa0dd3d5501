using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace FragmentPS.Core.Http
{
    /// <summary>
    /// Caps every answer's body, counted after decompression. RestSharp asks HttpClient to read the whole
    /// body before it returns (HttpCompletionOption.ResponseContentRead, which keeps the read inside the
    /// request timeout and the caller's cancellation); that read goes through the message handlers, so the
    /// cap sits here, above the decompressing handler: the body is counted as it is read and the read stops
    /// at the limit, so a 2 GB body or a gzip bomb never takes more memory than the limit. A declared
    /// Content-Length over the limit is refused before anything is read.
    /// </summary>
    internal sealed class ResponseSizeLimitHandler : DelegatingHandler
    {
        private readonly long _maxBytes;

        public ResponseSizeLimitHandler(long maxBytes, HttpMessageHandler inner) : base(inner)
        {
            _maxBytes = maxBytes;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var content = response.Content;
            if (content == null) return response;
            if (content.Headers.ContentLength > _maxBytes)
            {
                response.Dispose();
                throw new ResponseTooLargeException(_maxBytes);
            }
            var limited = new StreamContent(new SizeLimitedStream(await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _maxBytes));
            foreach (var header in content.Headers) limited.Headers.TryAddWithoutValidation(header.Key, header.Value);
            response.Content = limited;
            return response;
        }
    }
}
