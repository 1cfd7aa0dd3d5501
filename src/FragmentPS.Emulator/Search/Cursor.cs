using System;
using System.Buffers.Binary;
using System.Buffers.Text;
using FragmentPS.Emulator.Store;

namespace FragmentPS.Emulator.Search
{
    /// <summary>
    /// A keyset cursor: "the page after (sort key, uid)" in a given order, plus the store version the search is
    /// pinned to. No position means "from the start". Opaque to clients: base64url of a fixed binary layout.
    /// </summary>
    internal readonly record struct Cursor(CursorKind Kind, SortField Field, bool Descending, KeysetPosition? Position, long Snapshot)
    {
        private const byte FormatVersion = 1;
        private const int Size = 4 + 8 + 16 + 8;

        public string Encode()
        {
            Span<byte> bytes = stackalloc byte[Size];
            bytes[0] = FormatVersion;
            bytes[1] = (byte)Kind;
            bytes[2] = (byte)Field;
            bytes[3] = (byte)((Descending ? 1 : 0) | (Position is null ? 0 : 2));
            BinaryPrimitives.WriteInt64BigEndian(bytes.Slice(4), Position?.Key ?? 0);
            (Position?.Uid ?? Guid.Empty).TryWriteBytes(bytes.Slice(12), bigEndian: true, out _);
            BinaryPrimitives.WriteInt64BigEndian(bytes.Slice(28), Snapshot);
            return Base64Url.EncodeToString(bytes);
        }

        public static bool TryDecode(string? text, out Cursor cursor)
        {
            cursor = default;
            Span<byte> bytes = stackalloc byte[Size + 3];
            if (string.IsNullOrEmpty(text) || text.Length > 64 ||
                !Base64Url.IsValid(text, out int decodedLength) || decodedLength != Size ||
                !Base64Url.TryDecodeFromChars(text, bytes, out int length) || length != Size ||
                bytes[0] != FormatVersion || bytes[1] is < 1 or > 2 || bytes[2] >= StoredTask.SortFieldCount || bytes[3] > 3)
            {
                return false;
            }
            KeysetPosition? position = (bytes[3] & 2) == 0 ? null
                : new KeysetPosition(BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(4)), new Guid(bytes.Slice(12, 16), bigEndian: true));
            long snapshot = BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(28));
            if (snapshot < 0) return false;
            cursor = new Cursor((CursorKind)bytes[1], (SortField)bytes[2], (bytes[3] & 1) != 0, position, snapshot);
            return true;
        }
    }
}
