namespace FragmentPS.Emulator.Store
{
    /// <summary>The three keys a search can order by; each has a sorted index in the store.</summary>
    internal enum SortField
    {
        CreatedAt = 0,
        UpdatedAt = 1,
        DueAt = 2,
    }
}
