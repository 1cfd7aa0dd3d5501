namespace FragmentPS
{
    /// <summary>
    /// What <c>Get-FragmentTask -SortBy</c> takes. It lives in the cmdlet assembly, in PowerShell's default
    /// load context, so users can name it; its names are those of Core's <c>TaskSortField</c>, which it is
    /// converted to by name.
    /// </summary>
    public enum FragmentTaskSortField
    {
        CreatedAt,
        UpdatedAt,
        DueAt,
    }
}
