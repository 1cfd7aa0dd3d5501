namespace FragmentPS.Emulator.Validation
{
    /// <summary>A value that a request body may or may not carry (null being a value it can carry).</summary>
    internal readonly record struct Optional<T>(bool IsSet, T Value)
    {
        public static Optional<T> Of(T value) => new Optional<T>(true, value);
    }
}
