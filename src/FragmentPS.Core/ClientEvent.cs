using System;

namespace FragmentPS.Core
{
    public sealed class ClientEvent
    {
        public ClientEvent(ClientEventKind kind, string message, TimeSpan? wait = null)
        {
            Kind = kind;
            Message = message;
            Wait = wait;
        }

        public ClientEventKind Kind { get; }
        public string Message { get; }
        public TimeSpan? Wait { get; }
        public override string ToString() => Message;
    }
}
