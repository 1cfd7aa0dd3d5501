using System;
using System.Buffers;

namespace FragmentPS.Core.Http
{
    /// <summary>
    /// A success answer's body, in a buffer rented from the shared pool. A search page is ~100 KB: a new array
    /// per page is a large-object allocation, and those set off full garbage collections, which were most
    /// of what a long search cost beyond the HTTP itself. Its reader copies what it keeps, or takes the buffer
    /// with <see cref="TakeBuffer"/> and gives it back to the pool itself.
    /// </summary>
    public sealed class ResponseBody
    {
        private byte[]? _buffer;

        internal ResponseBody(byte[] buffer, int length)
        {
            _buffer = buffer;
            Length = length;
        }

        public int Length { get; }

        /// <summary>The body's bytes (valid until the body is released).</summary>
        public ReadOnlySpan<byte> Span => new ReadOnlySpan<byte>(_buffer ?? throw Released(), 0, Length);

        /// <summary>A copy of the body, the caller's to keep.</summary>
        public byte[] ToArray() => Span.ToArray();

        /// <summary>Takes the rented buffer (its first <see cref="Length"/> bytes are the body); the caller returns it to <see cref="ArrayPool{T}.Shared"/>, or lets it go.</summary>
        public byte[] TakeBuffer()
        {
            var buffer = _buffer ?? throw Released();
            _buffer = null;
            return buffer;
        }

        /// <summary>Gives the buffer back to the pool, unless a reader took it.</summary>
        internal void Release()
        {
            var buffer = _buffer;
            _buffer = null;
            if (buffer != null && buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        }

        private static ObjectDisposedException Released() => new ObjectDisposedException(nameof(ResponseBody), "The body's buffer was taken or given back.");
    }
}
