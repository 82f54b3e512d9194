// A TLS server for tests, on 127.0.0.1 and a free port, with a self-signed certificate no machine trusts: what a
// client sees from a wrong host or a TLS-inspecting proxy whose root is not installed. It counts the handshakes
// it was offered and answers nothing else. Compiled into the client tests and loaded by Pester with Add-Type.
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
    public sealed class UntrustedTlsServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly X509Certificate2 _certificate;
        private int _handshakes;

        public UntrustedTlsServer()
        {
            using (RSA key = RSA.Create(2048))
            {
                var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using (X509Certificate2 ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)))
                {
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
                _ = Task.Run(async () =>
                {
                    using (client)
                    using (var tls = new SslStream(client.GetStream()))
                    {
                        Interlocked.Increment(ref _handshakes);
                        try
                        {
                            await tls.AuthenticateAsServerAsync(_certificate).ConfigureAwait(false);
                        }
                        catch (Exception e) when (e is System.Security.Authentication.AuthenticationException || e is System.IO.IOException)
                        {
                            // The client refused the certificate, as it should.
                        }
                    }
                });
            }
        }
    }
}
