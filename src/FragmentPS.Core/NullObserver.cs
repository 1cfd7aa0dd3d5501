namespace FragmentPS.Core
{
    /// <summary>An observer that wants nothing: for clients nobody watches.</summary>
    internal sealed class NullObserver : IRequestObserver
    {
        public static readonly NullObserver Instance = new NullObserver();
        public bool WantsBodies => false;
        public void OnEvent(ClientEvent clientEvent) { }
    }
}
