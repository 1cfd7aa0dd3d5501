using System;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace FragmentPS.Emulator.Tests.Support
{
    /// <summary>Bytes on a socket, for requests no HttpClient would send (a broken chunk, a body cut short).</summary>
    public static class RawHttp
    {
        /// <summary>
        /// Sends <paramref name="head"/> and <paramref name="body"/> and returns the status code answered (0 for none).
        /// With <paramref name="halfClose"/> it then closes its sending side: the end of a body cut short.
        /// </summary>
        public static async Task<int> SendAsync(Uri server, string head, byte[] body, bool halfClose = false)
        {
            using var client = new TcpClient();
            await client.ConnectAsync(server.Host, server.Port);
            NetworkStream stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Replace("\n", "\r\n") + "\r\n"));
            await stream.WriteAsync(body);
            if (halfClose) client.Client.Shutdown(SocketShutdown.Send);
            var answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            int read;
            using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0) answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
            catch (System.IO.IOException)
            {
                // A server may reset a connection the client half-closed once it has answered: the answer read so far counts.
            }
            string text = answer.ToString();
            return text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(text.Substring(9, 3)) : 0;
        }
    }
}
