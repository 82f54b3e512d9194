// A forward proxy for tests, on 127.0.0.1 and a free port, that records everything it is asked to carry: proof of
// which requests go through a proxy, with which credentials, and which never do. Compiled into the client tests and
// loaded by Pester with Add-Type, so it is plain C# with no dependencies.
//
// - CONNECT host:port (https): recorded with its Proxy-Authorization. Tunnelled for real only to a loopback address,
//   or to the loopback port a name was mapped to (MapHost: a remote-looking name served by a local TLS server); tests
//   never leave the machine, so any other target is answered 502, after it was recorded.
// - An absolute-form request (GET http://host:port/path: plain http through a proxy): recorded with its body (so a
//   test can see what would have crossed the proxy in clear text), forwarded to a loopback target, 502 otherwise.
// - With credentials set, a request without the matching Basic Proxy-Authorization is answered 407 first.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PortOne.TestSupport
{
    /// <summary>One request the proxy was asked to carry.</summary>
    public sealed class ProxyRecord
    {
        public string Method { get; set; } = "";
        /// <summary>host:port for CONNECT, the absolute URI otherwise.</summary>
        public string Target { get; set; } = "";
        /// <summary>The Proxy-Authorization header as sent, or null.</summary>
        public string? ProxyAuthorization { get; set; }
        /// <summary>user:password decoded from a Basic Proxy-Authorization, or null.</summary>
        public string? BasicCredentials { get; set; }
        /// <summary>The request body (plain http only: through a tunnel the proxy sees only ciphertext).</summary>
        public string Body { get; set; } = "";
        /// <summary>The status the proxy answered (200 for a tunnel opened or a request forwarded).</summary>
        public int Answer { get; set; }

        public override string ToString() => Method + " " + Target + " -> " + Answer + (ProxyAuthorization != null ? " (with Proxy-Authorization)" : "");
    }

    public sealed class RecordingProxy : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly string? _expectedAuthorization;
        private readonly List<ProxyRecord> _records = new List<ProxyRecord>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Dictionary<string, int> _mapped = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        /// <summary>A proxy that asks for Basic credentials when <paramref name="user"/> is given, and for none otherwise.</summary>
        public RecordingProxy(string? user = null, string? password = null)
        {
            if (user != null) _expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Uri = new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/");
            Task.Run(AcceptLoopAsync);
        }

        public Uri Uri { get; }

        /// <summary>What it was asked to carry so far, oldest first.</summary>
        public ProxyRecord[] Records
        {
            get { lock (_records) return _records.ToArray(); }
        }

        /// <summary>Tunnels CONNECT <paramref name="hostAndPort"/> (such as api.portone.test:443) to 127.0.0.1:<paramref name="loopbackPort"/>.</summary>
        public void MapHost(string hostAndPort, int loopbackPort)
        {
            lock (_mapped) _mapped[hostAndPort] = loopbackPort;
        }

        public void Clear()
        {
            lock (_records) _records.Clear();
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is ObjectDisposedException || e is SocketException || e is InvalidOperationException)
                {
                    return;
                }
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    NetworkStream stream = client.GetStream();
                    string? head = await ReadHeadAsync(stream).ConfigureAwait(false);
                    if (head == null) return;
                    string[] lines = head.Split(new[] { "\r\n" }, StringSplitOptions.None);
                    string[] requestLine = lines[0].Split(' ');
                    if (requestLine.Length < 3) return;
                    var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    for (int i = 1; i < lines.Length; i++)
                    {
                        int colon = lines[i].IndexOf(':');
                        if (colon > 0) headers[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
                    }
                    string method = requestLine[0], target = requestLine[1];
                    headers.TryGetValue("Proxy-Authorization", out string? authorization);
                    var record = new ProxyRecord { Method = method, Target = target, ProxyAuthorization = authorization, BasicCredentials = DecodeBasic(authorization) };
                    byte[] body = Array.Empty<byte>();
                    if (headers.TryGetValue("Content-Length", out string? length) && int.TryParse(length, out int count) && count > 0)
                    {
                        body = await ReadExactlyAsync(stream, count).ConfigureAwait(false);
                        record.Body = Encoding.UTF8.GetString(body);
                    }
                    lock (_records) _records.Add(record);

                    if (_expectedAuthorization != null && authorization != _expectedAuthorization)
                    {
                        record.Answer = 407;
                        await AnswerAsync(stream, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"test proxy\"\r\n").ConfigureAwait(false);
                        return;
                    }
                    if (method == "CONNECT")
                    {
                        int mapped;
                        bool isMapped;
                        lock (_mapped) isMapped = _mapped.TryGetValue(target, out mapped);
                        await TunnelAsync(stream, record, isMapped ? "127.0.0.1:" + mapped : target).ConfigureAwait(false);
                    }
                    else if (Uri.TryCreate(target, UriKind.Absolute, out Uri? uri) && uri.Scheme == "http")
                    {
                        await ForwardAsync(stream, record, uri, method, lines, body).ConfigureAwait(false);
                    }
                    else
                    {
                        record.Answer = 400;
                        await AnswerAsync(stream, "400 Bad Request", "").ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is IOException || e is SocketException || e is ObjectDisposedException)
                {
                    // The client went away: nothing to record beyond what is recorded.
                }
            }
        }

        private static async Task TunnelAsync(NetworkStream stream, ProxyRecord record, string target)
        {
            int colon = target.LastIndexOf(':');
            string host = colon > 0 ? target.Substring(0, colon).Trim('[', ']') : target;
            int port = colon > 0 && int.TryParse(target.Substring(colon + 1), out int p) ? p : 443;
            if (!IsLoopback(host))
            {
                record.Answer = 502;
                await AnswerAsync(stream, "502 Bad Gateway", "").ConfigureAwait(false);
                return;
            }
            using (var upstream = new TcpClient())
            {
                await upstream.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                record.Answer = 200;
                byte[] established = Encoding.ASCII.GetBytes("HTTP/1.1 200 Connection Established\r\n\r\n");
                await stream.WriteAsync(established, 0, established.Length).ConfigureAwait(false);
                NetworkStream other = upstream.GetStream();
                Task up = PumpAsync(stream, other);
                Task down = PumpAsync(other, stream);
                await Task.WhenAny(up, down).ConfigureAwait(false);
            }
        }

        private static async Task ForwardAsync(NetworkStream stream, ProxyRecord record, Uri uri, string method, string[] lines, byte[] body)
        {
            if (!IsLoopback(uri.Host))
            {
                record.Answer = 502;
                await AnswerAsync(stream, "502 Bad Gateway", "").ConfigureAwait(false);
                return;
            }
            var head = new StringBuilder(method + " " + uri.PathAndQuery + " HTTP/1.1\r\n");
            for (int i = 1; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.Length == 0 || line.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase) || line.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase)) continue;
                head.Append(line).Append("\r\n");
            }
            head.Append("Connection: close\r\n\r\n");
            using (var upstream = new TcpClient())
            {
                await upstream.ConnectAsync(IPAddress.Loopback, uri.Port).ConfigureAwait(false);
                NetworkStream other = upstream.GetStream();
                byte[] bytes = Encoding.ASCII.GetBytes(head.ToString());
                await other.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                if (body.Length > 0) await other.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
                record.Answer = 200;
                await PumpAsync(other, stream).ConfigureAwait(false);
            }
        }

        private static async Task PumpAsync(Stream from, Stream to)
        {
            var buffer = new byte[16384];
            try
            {
                int read;
                while ((read = await from.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
                {
                    await to.WriteAsync(buffer, 0, read).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is SocketException)
            {
                // One side closed.
            }
        }

        private static async Task AnswerAsync(NetworkStream stream, string status, string extraHeaders)
        {
            byte[] bytes = Encoding.ASCII.GetBytes("HTTP/1.1 " + status + "\r\n" + extraHeaders + "Content-Length: 0\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
        }

        private static async Task<string?> ReadHeadAsync(NetworkStream stream)
        {
            var head = new List<byte>();
            var one = new byte[1];
            while (head.Count < 65536)
            {
                if (await stream.ReadAsync(one, 0, 1).ConfigureAwait(false) == 0) return null;
                head.Add(one[0]);
                int n = head.Count;
                if (n >= 4 && head[n - 4] == '\r' && head[n - 3] == '\n' && head[n - 2] == '\r' && head[n - 1] == '\n')
                {
                    return Encoding.ASCII.GetString(head.ToArray(), 0, n - 4);
                }
            }
            return null;
        }

        private static async Task<byte[]> ReadExactlyAsync(NetworkStream stream, int count)
        {
            var buffer = new byte[count];
            int done = 0;
            while (done < count)
            {
                int read = await stream.ReadAsync(buffer, done, count - done).ConfigureAwait(false);
                if (read == 0) break;
                done += read;
            }
            return buffer;
        }

        private static bool IsLoopback(string host) =>
            host == "localhost" || (IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address));

        private static string? DecodeBasic(string? authorization)
        {
            if (authorization == null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Substring(6).Trim()));
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
