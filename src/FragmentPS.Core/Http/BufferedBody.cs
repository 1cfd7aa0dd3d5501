using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace FragmentPS.Core.Http
{
    /// <summary>
    /// An answer's body already read whole (by <see cref="ResponseSizeLimitHandler"/>). Its stream shows the
    /// array it reads (<see cref="MemoryStream.TryGetBuffer"/>), so that the body is taken without a copy.
    /// </summary>
    internal sealed class BufferedBody : HttpContent
    {
        private readonly byte[] _body;

        public BufferedBody(byte[] body) => _body = body;

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_body, 0, _body.Length);

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }

        protected override Task<Stream> CreateContentReadStreamAsync() =>
            Task.FromResult<Stream>(new MemoryStream(_body, 0, _body.Length, writable: false, publiclyVisible: true));
    }
}
