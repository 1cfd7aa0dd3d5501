namespace FragmentPS.Emulator.Store
{
    /// <summary>How a write treats the uid it names: POST creates (403 if it exists), PUT upserts, PATCH updates (404 if not).</summary>
    internal enum WriteMode
    {
        Create,
        Upsert,
        Update,
    }
}
