using System.Buffers.Binary;
using System.Buffers.Text;
using FragmentPS.Emulator.Store;

namespace FragmentPS.Emulator.Search
{
    internal enum CursorKind : byte
    {
        Tasks = 1,
        Comments = 2,
    }
}
