namespace FragmentPS.Core.Writes
{
    /// <summary>What a write does with the uid it names.</summary>
    public enum TaskWriteMode
    {
        /// <summary>Creates; never changes a task that exists (POST: the API refuses a uid that is taken).</summary>
        Create,

        /// <summary>Creates or replaces the keys it sends (PUT).</summary>
        Upsert,

        /// <summary>Changes a task that exists (PATCH); fields merge key by key.</summary>
        Update,
    }
}
