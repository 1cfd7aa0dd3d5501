namespace FragmentPS.Core
{
    /// <summary>The sort keys of a task search [DECIDED]; ties break on uid.</summary>
    public enum TaskSortField
    {
        CreatedAt,
        UpdatedAt,
        DueAt,
    }
}
