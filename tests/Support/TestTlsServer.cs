// A TLS server for tests, on 127.0.0.1 and a free port, with a self-signed certificate made for a host name: no
// machine trusts it, so a client sees what a wrong host or a TLS-inspecting proxy whose root is not installed
// looks like. A process told to trust it (SSL_CERT_FILE on Linux, with CertificatePem) gets a real https API when
// it forwards what it decrypts to the emulator. It counts the handshakes it was offered. Compiled into the client
// tests and loaded by Pester with Add-Type.
#nullable enable
using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace PortOne.TestSupport
{
    public sealed class TestTlsServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly X509Certificate2 _certificate;
        private readonly int _forwardTo;
        private int _handshakes;

        /// <summary>A server for <paramref name="hostName"/> (and 127.0.0.1); with <paramref name="forwardTo"/>, a TLS front of that loopback port.</summary>
        public TestTlsServer(string hostName = "localhost", int forwardTo = 0)
        {
            _forwardTo = forwardTo;
            using (RSA key = RSA.Create(2048))
            {
                var request = new CertificateRequest("CN=" + hostName, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                var names = new SubjectAlternativeNameBuilder();
                names.AddDnsName(hostName);
                names.AddIpAddress(IPAddress.Loopback);
                request.CertificateExtensions.Add(names.Build());
                request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
                using (X509Certificate2 ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)))
                {
                    CertificatePem = ephemeral.ExportCertificatePem();
                    // Through PKCS#12, so the private key is usable by SslStream on every platform.
                    _certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
                }
            }
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            Task.Run(AcceptLoopAsync);
        }

        public int Port { get; }

        /// <summary>https://127.0.0.1:port/</summary>
        public Uri Uri => new Uri("https://127.0.0.1:" + Port + "/");

        /// <summary>The certificate, for a trust file (SSL_CERT_FILE).</summary>
        public string CertificatePem { get; }

        /// <summary>TLS handshakes begun by clients so far.</summary>
        public int Handshakes => Volatile.Read(ref _handshakes);

        public void Dispose()
        {
            _listener.Stop();
            _certificate.Dispose();
        }

        private async Task AcceptLoopAsync()
        {
            while (true)
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
            using (var tls = new SslStream(client.GetStream()))
            {
                Interlocked.Increment(ref _handshakes);
                try
                {
                    await tls.AuthenticateAsServerAsync(_certificate).ConfigureAwait(false);
                    if (_forwardTo == 0) return;
                    using (var upstream = new TcpClient())
                    {
                        await upstream.ConnectAsync(IPAddress.Loopback, _forwardTo).ConfigureAwait(false);
                        NetworkStream plain = upstream.GetStream();
                        await Task.WhenAny(tls.CopyToAsync(plain), plain.CopyToAsync(tls)).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is System.Security.Authentication.AuthenticationException || e is System.IO.IOException
                    || e is SocketException || e is ObjectDisposedException)
                {
                    // The client refused the certificate, as it should, or one side closed.
                }
            }
        }
    }
}
