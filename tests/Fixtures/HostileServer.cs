#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace FragmentPS.TestFixtures
{
    /// <summary>
    /// A deliberately misbehaving Fragment API on 127.0.0.1, for the answers the emulator never gives. Each
    /// scenario has a base URI of its own, <c>http://127.0.0.1:PORT/SCENARIO/api/v1/</c>: GET accounts/me
    /// answers as the real API does (so Connect-Fragment works), every other request gets the scenario's
    /// answer. Bodies are made while they are sent, so a 2 GB answer costs this server no memory.
    /// </summary>
    /// <remarks>
    /// Plain .NET only: the xunit tests compile it in, the Pester tests and the benchmarks load it with
    /// <c>Add-Type -Path</c>. Any token is accepted.
    /// </remarks>
    public sealed class HostileServer : IDisposable
    {
        /// <summary>2 GiB: the size of the endless bodies.</summary>
        public const long HugeBodyBytes = 2L * 1024 * 1024 * 1024;

        /// <summary>The items of the page that holds far more than any limit asked for.</summary>
        public const int ManyItemsCount = 1000000;

        /// <summary>
        /// Scenarios that answer every request, accounts/me included, 429 with a Retry-After no sane server sends.
        /// </summary>
        public static readonly IReadOnlyDictionary<string, string> RetryAfterScenarios = new Dictionary<string, string>
        {
            ["retry-after-nan"] = "NaN",
            ["retry-after-infinity"] = "Infinity",
            ["retry-after-huge"] = "1e300",
            ["retry-after-negative"] = "-5",
            ["retry-after-far-date"] = "Fri, 31 Dec 9999 23:59:59 GMT",
        };

        private static readonly Lazy<byte[]> GzipBomb = new Lazy<byte[]>(MakeGzipBomb);
        private static readonly Lazy<byte[]> ManyItemsPage = new Lazy<byte[]>(MakeManyItemsPage);
        private static readonly Lazy<byte[]> GzipPage = new Lazy<byte[]>(MakeGzipPage);

        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentDictionary<TcpClient, bool> _connections = new ConcurrentDictionary<TcpClient, bool>();
        private readonly ConcurrentQueue<string> _requests = new ConcurrentQueue<string>();
        private long _bytesSent;

        private HostileServer()
        {
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            Task.Run(AcceptLoop);
        }

        public static HostileServer Start() => new HostileServer();

        public int Port { get; }

        /// <summary>
        /// The base URI of a scenario: huge, huge-declared, gzip-bomb, many-items, normal; repeating-cursor (every
        /// page after the first leads back to the same cursor), endless-pages (a fresh cursor every page, while
        /// total_count says 3), odd-meta (limit and total_count that are not counts), bad-utf8 (a task whose
        /// title holds invalid UTF-8 and a lone surrogate escape, for a search and for any other request), or one of <see cref="RetryAfterScenarios"/>.
        /// </summary>
        public Uri BaseUri(string scenario) => new Uri("http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) + "/" + scenario + "/api/v1/");

        /// <summary>Body bytes written so far, over all requests (what the clients let the server send before they hung up).</summary>
        public long BytesSent => Interlocked.Read(ref _bytesSent);

        /// <summary>Every request line received so far, as <c>GET /scenario/api/v1/tasks?limit=5</c>.</summary>
        public string[] Requests => _requests.ToArray();

        /// <summary>Clears <see cref="BytesSent"/> and <see cref="Requests"/>.</summary>
        public void ResetCounters()
        {
            Interlocked.Exchange(ref _bytesSent, 0);
            while (_requests.TryDequeue(out _)) { }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            foreach (var client in _connections.Keys) client.Dispose();
        }

        private async Task AcceptLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false); }
                catch (Exception) when (_stop.IsCancellationRequested) { return; }
                catch (SocketException) { continue; }
                _connections[client] = true;
                _ = Task.Run(() => Serve(client));
            }
        }

        private void Serve(TcpClient client)
        {
            try
            {
                using (client)
                using (var stream = client.GetStream())
                {
                    string? requestLine = ReadRequest(stream);
                    if (requestLine == null) return;
                    _requests.Enqueue(requestLine);
                    Answer(stream, requestLine);
                    client.Client.Shutdown(SocketShutdown.Send);
                }
            }
            catch (IOException) { }        // the client hung up: what these scenarios expect of it
            catch (SocketException) { }
            catch (ObjectDisposedException) { }
            finally
            {
                _connections.TryRemove(client, out _);
            }
        }

        /// <summary>The request line; the headers and any body are read and dropped.</summary>
        private static string? ReadRequest(Stream stream)
        {
            var head = new List<byte>(1024);
            while (!EndsWithBlankLine(head))
            {
                int b = stream.ReadByte();
                if (b < 0 || head.Count > 64 * 1024) return null;
                head.Add((byte)b);
            }
            string[] lines = Encoding.ASCII.GetString(head.ToArray()).Split(new[] { "\r\n" }, StringSplitOptions.None);
            long length = 0;
            foreach (string line in lines)
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    length = long.Parse(line.Substring("Content-Length:".Length).Trim(), CultureInfo.InvariantCulture);
            var sink = new byte[8192];
            while (length > 0)
            {
                int n = stream.Read(sink, 0, (int)Math.Min(sink.Length, length));
                if (n <= 0) break;
                length -= n;
            }
            string[] parts = lines[0].Split(' ');
            return parts.Length >= 2 ? parts[0] + " " + parts[1] : lines[0];
        }

        private static bool EndsWithBlankLine(List<byte> head)
        {
            int n = head.Count;
            return n >= 4 && head[n - 4] == '\r' && head[n - 3] == '\n' && head[n - 2] == '\r' && head[n - 1] == '\n';
        }

        private void Answer(Stream stream, string requestLine)
        {
            string target = requestLine.Substring(requestLine.IndexOf(' ') + 1);
            string path = target.Split('?')[0];
            string[] segments = path.Trim('/').Split('/');
            string scenario = segments[0];
            if (RetryAfterScenarios.TryGetValue(scenario, out string? retryAfter))
            {
                SendWhole(stream, 429, "{\"detail\":\"Too many requests\"}", retryAfter);
                return;
            }
            if (path.EndsWith("/accounts/me", StringComparison.Ordinal))
            {
                SendWhole(stream, 200, "{\"uid\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"name\":\"Hostile\",\"created_at\":\"2026-01-01T00:00:00.000Z\",\"updated_at\":\"2026-01-01T00:00:00.000Z\"}");
                return;
            }
            switch (scenario)
            {
                case "huge":
                    SendHead(stream, 200, null, null);
                    SendEndless(stream);
                    break;
                case "huge-declared":
                    SendHead(stream, 200, HugeBodyBytes, null);
                    SendEndless(stream);
                    break;
                case "gzip-bomb":
                    SendHead(stream, 200, GzipBomb.Value.Length, "gzip");
                    Send(stream, GzipBomb.Value, GzipBomb.Value.Length);
                    break;
                case "gzip-page":
                    SendHead(stream, 200, GzipPage.Value.Length, "gzip");
                    Send(stream, GzipPage.Value, GzipPage.Value.Length);
                    break;
                case "many-items":
                    SendHead(stream, 200, ManyItemsPage.Value.Length, null);
                    Send(stream, ManyItemsPage.Value, ManyItemsPage.Value.Length);
                    break;
                case "repeating-cursor":
                    SendWhole(stream, 200, PageJson(TaskJson(QueryValue(target, "cursor") == null ? 1 : 2), "\"again\"", "null", "null"));
                    break;
                case "endless-pages":
                    long n = long.TryParse(QueryValue(target, "cursor"), NumberStyles.None, CultureInfo.InvariantCulture, out long at) ? at : 0;
                    SendWhole(stream, 200, PageJson(TaskJson(n + 1), "\"" + (n + 1).ToString(CultureInfo.InvariantCulture) + "\"", "3", "100"));
                    break;
                case "odd-meta":
                    SendWhole(stream, 200, QueryValue(target, "cursor") == null
                        ? PageJson(TaskJson(1), "\"p2\"", "1e30", "1e20")
                        : PageJson(TaskJson(2), "null", "\"many\"", "1.5"));
                    break;
                case "bad-utf8":
                    byte[] task = BadUtf8Task();
                    byte[] body = path.EndsWith("/tasks", StringComparison.Ordinal)
                        ? Concat(Encoding.UTF8.GetBytes("{\"items\":["), task, Encoding.UTF8.GetBytes("],\"meta\":{\"next_cursor\":null,\"total_count\":1}}"))
                        : task;
                    SendHead(stream, 200, body.Length, null);
                    Send(stream, body, body.Length);
                    break;
                case "normal":
                    SendWhole(stream, 200, "{\"items\":[" + TaskJson(1) + "," + TaskJson(2) + "," + TaskJson(3) + "],\"meta\":{\"limit\":100,\"self_cursor\":null,\"prev_cursor\":null,\"next_cursor\":null,\"total_count\":3}}");
                    break;
                default:
                    SendWhole(stream, 404, "{\"detail\":\"No scenario '" + scenario + "'.\"}");
                    break;
            }
        }

        /// <summary>A small task as the API writes it; <paramref name="n"/> makes its uid.</summary>
        public static string TaskJson(long n) =>
            "{\"uid\":\"" + new Guid((int)(n >> 32), (short)(n >> 16), (short)n, new byte[8]).ToString("D") +
            "\",\"archived\":false,\"status\":\"TODO\",\"fields\":{\"title\":\"Hostile " + n.ToString(CultureInfo.InvariantCulture) +
            "\"},\"created_at\":\"2026-01-01T00:00:00.000Z\"}";

        /// <summary>The uid of <see cref="BadUtf8Task"/>.</summary>
        public const string BadUtf8Uid = "6b0e4a1c-3f2d-4e5a-9b8c-7d6e5f4a3b2c";

        /// <summary>A task whose title is "bad " + the bytes FF FE + " and " + a lone \udc00 escape.</summary>
        private static byte[] BadUtf8Task() => Concat(
            Encoding.UTF8.GetBytes("{\"uid\":\"" + BadUtf8Uid + "\",\"archived\":false,\"status\":\"TODO\",\"fields\":{\"title\":\"bad "),
            new byte[] { 0xFF, 0xFE },
            Encoding.UTF8.GetBytes(" and \\udc00\",\"note\":\"caf\u00e9 \\ud83d\\ude00\"},\"created_at\":\"2026-01-01T00:00:00.000Z\"}"));

        private static byte[] Concat(params byte[][] parts)
        {
            using (var all = new MemoryStream())
            {
                foreach (byte[] part in parts) all.Write(part, 0, part.Length);
                return all.ToArray();
            }
        }

        private static string PageJson(string items, string nextCursor, string totalCount, string limit) =>
            "{\"items\":[" + items + "],\"meta\":{\"limit\":" + limit + ",\"next_cursor\":" + nextCursor + ",\"total_count\":" + totalCount + "}}";

        /// <summary>A query parameter of the request target, unescaped, or null.</summary>
        private static string? QueryValue(string target, string name)
        {
            int q = target.IndexOf('?');
            if (q < 0) return null;
            foreach (string pair in target.Substring(q + 1).Split('&'))
            {
                int eq = pair.IndexOf('=');
                if (eq > 0 && pair.AsSpan(0, eq).SequenceEqual(name)) return Uri.UnescapeDataString(pair.AsSpan(eq + 1));
            }
            return null;
        }

        private void SendWhole(Stream stream, int status, string json, string? retryAfter = null)
        {
            byte[] body = Encoding.UTF8.GetBytes(json);
            SendHead(stream, status, body.Length, null, retryAfter);
            Send(stream, body, body.Length);
        }

        private static void SendHead(Stream stream, int status, long? length, string? encoding, string? retryAfter = null)
        {
            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(status == 200 ? " OK" : " Error").Append("\r\n");
            head.Append("Content-Type: application/json\r\nConnection: close\r\n");
            if (length.HasValue) head.Append("Content-Length: ").Append(length.Value.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            if (encoding != null) head.Append("Content-Encoding: ").Append(encoding).Append("\r\n");
            if (retryAfter != null) head.Append("Retry-After: ").Append(retryAfter).Append("\r\n");
            head.Append("\r\n");
            byte[] bytes = Encoding.ASCII.GetBytes(head.ToString());
            stream.Write(bytes, 0, bytes.Length);
        }

        private void Send(Stream stream, byte[] data, int count)
        {
            stream.Write(data, 0, count);
            Interlocked.Add(ref _bytesSent, count);
        }

        /// <summary>A search page of <see cref="HugeBodyBytes"/>: task after task, made from one chunk written again and again.</summary>
        private void SendEndless(Stream stream)
        {
            byte[] start = Encoding.UTF8.GetBytes("{\"items\":[");
            Send(stream, start, start.Length);
            var item = Encoding.UTF8.GetBytes(TaskJson(7) + ",");
            var chunk = new byte[item.Length * (65536 / item.Length)];
            for (int i = 0; i < chunk.Length; i += item.Length) Buffer.BlockCopy(item, 0, chunk, i, item.Length);
            long sent = start.Length;
            while (sent + chunk.Length < HugeBodyBytes && !_stop.IsCancellationRequested)
            {
                Send(stream, chunk, chunk.Length);
                sent += chunk.Length;
            }
        }

        /// <summary>
        /// About 1 MB that unpacks to 1 GiB: the start of a page, then 1,024 gzip members of 1 MiB of spaces
        /// each (white space inside JSON, so a reader must go through all of it). Gzip allows members one after
        /// another, and .NET's GZipStream reads them all as one body.
        /// </summary>
        private static byte[] MakeGzipBomb()
        {
            byte[] spaces = new byte[1024 * 1024];
            for (int i = 0; i < spaces.Length; i++) spaces[i] = (byte)' ';
            byte[] member = Gzip(spaces);
            using (var bomb = new MemoryStream())
            {
                byte[] first = Gzip(Encoding.UTF8.GetBytes("{\"items\":["));
                bomb.Write(first, 0, first.Length);
                for (int i = 0; i < 1024; i++) bomb.Write(member, 0, member.Length);
                byte[] last = Gzip(Encoding.UTF8.GetBytes("],\"meta\":{\"next_cursor\":null}}"));
                bomb.Write(last, 0, last.Length);
                return bomb.ToArray();
            }
        }

        private static byte[] Gzip(byte[] data)
        {
            using (var packed = new MemoryStream())
            {
                using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(data, 0, data.Length);
                return packed.ToArray();
            }
        }

        /// <summary>A whole, valid page of <see cref="ManyItemsCount"/> empty objects (~3 MB): more items than any limit, under any size cap.</summary>
        /// <summary>
        /// A well-formed page of 100 tasks, about 230 KB unpacked, sent gzipped: its unpacked length is declared
        /// nowhere, so the client reads it in pieces of its own choosing.
        /// </summary>
        private static byte[] MakeGzipPage()
        {
            string note = new string('n', 2000);
            var items = string.Join(",", Enumerable.Range(1, 100).Select(n => TaskJson(n).Replace("\"},\"created_at\"", "\",\"note\":\"" + note + n.ToString(CultureInfo.InvariantCulture) + "\"},\"created_at\"")));
            return Gzip(Encoding.UTF8.GetBytes(PageJson(items, "null", "100", "100")));
        }

        private static byte[] MakeManyItemsPage()
        {
            var page = new StringBuilder(ManyItemsCount * 3 + 200);
            page.Append("{\"items\":[");
            for (int i = 0; i < ManyItemsCount; i++) page.Append(i == 0 ? "{}" : ",{}");
            page.Append("],\"meta\":{\"limit\":5,\"self_cursor\":null,\"prev_cursor\":null,\"next_cursor\":null,\"total_count\":")
                .Append(ManyItemsCount.ToString(CultureInfo.InvariantCulture)).Append("}}");
            return Encoding.UTF8.GetBytes(page.ToString());
        }
    }
}
