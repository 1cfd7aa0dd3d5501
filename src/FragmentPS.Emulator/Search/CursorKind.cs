namespace FragmentPS.Emulator.Search
{
    internal enum CursorKind : byte
    {
        Tasks = 1,
        Comments = 2,
    }
}
