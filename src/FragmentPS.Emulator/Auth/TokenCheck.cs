namespace FragmentPS.Emulator.Auth
{
    internal enum TokenCheck
    {
        Valid,
        Unknown,
        Revoked,
    }
}
