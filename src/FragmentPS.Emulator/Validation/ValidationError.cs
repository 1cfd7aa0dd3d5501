using System.Collections.Generic;

namespace FragmentPS.Emulator.Validation
{
    /// <summary>
    /// One entry of a FastAPI-shaped 422 body: <c>{"type", "loc", "msg", "input"}</c>. <see cref="Loc"/> holds
    /// strings and ints (an item index); <see cref="Input"/> is a JsonElement, a string, or null.
    /// </summary>
    internal sealed record ValidationError(string Type, IReadOnlyList<object> Loc, string Msg, object? Input);
}
