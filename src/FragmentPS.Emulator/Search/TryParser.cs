namespace FragmentPS.Emulator.Search
{
    internal delegate bool TryParser<T>(string text, out T value);
}
