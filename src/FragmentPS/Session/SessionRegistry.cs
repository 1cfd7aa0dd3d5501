namespace FragmentPS
{
    /// <summary>
    /// The default session. Process-wide on purpose: ForEach-Object -Parallel and thread jobs run in other
    /// runspaces of the same process and should use the connection the user made, as Az modules do.
    /// </summary>
    internal static class SessionRegistry
    {
        private static volatile FragmentSession? _default;

        public static FragmentSession? Default
        {
            get => _default;
            set => _default = value;
        }
    }
}
