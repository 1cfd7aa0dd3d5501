using FragmentPS.Emulator.Json;
using FragmentPS.Emulator.Validation;

namespace FragmentPS.Emulator.Search
{
    internal delegate bool TryParser<T>(string text, out T value);
}
