using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using PortOne.Http;
using PortOne.TestSupport;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// Connections that cannot be made, over real sockets: refused, a name that does not resolve, TLS failing its
    /// checks. A clear error at once or after one quick retry, naming the address; retries stay for what is transient.
    /// </summary>
    public class ConnectFailureTests
    {
        internal static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        internal static PortOneClient RealClient(Uri baseUri, Action<PortOneClientOptions>? configure = null)
        {
            var options = new PortOneClientOptions(new NetworkCredential("key_1234567", "S3cr3t-never-shown")) { BaseUri = baseUri, MaxRetries = 5 };
            configure?.Invoke(options);
            return new PortOneClient(options);
        }

        internal static PortOneException ConnectFails(PortOneClient client, EventLog? events = null) =>
            Assert.Throws<PortOneException>(() => client.ConnectAsync(events, CancellationToken.None).GetAwaiter().GetResult());

        [Fact]
        public void A_refused_connection_fails_after_one_quick_retry_naming_the_address()
        {
            int port = ClosedPort();
            var events = new EventLog();
            var watch = Stopwatch.StartNew();
            using PortOneClient client = RealClient(new Uri($"http://127.0.0.1:{port}/"));
            PortOneException e = ConnectFails(client, events);
            watch.Stop();

            Assert.Equal(PortOneErrorKind.Unreachable, e.Kind);
            Assert.Equal("PortOne.Unreachable", e.ErrorId);
            Assert.Equal(PortOneConnectFailure.Refused, e.ConnectFailure);
            Assert.Equal($"127.0.0.1:{port}", e.Address);
            Assert.Null(e.Proxy);
            Assert.Contains($"127.0.0.1:{port}", e.Message);
            Assert.Contains("refused", e.Message);
            Assert.InRange(watch.Elapsed.TotalSeconds, 0, 5); // six tries with backoff took 8 to 16 s
            // Two tries, each said as it failed and why; one quick retry between them.
            Assert.Equal(2, events.FailedTries.Length);
            Assert.All(events.FailedTries, r => Assert.Contains("refused", r.Failure, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(ApiTransport.QuickRetry, Assert.Single(events.Retries).Delay);
        }

        [Fact]
        public void With_no_retries_allowed_a_refused_connection_fails_on_the_first_try()
        {
            var events = new EventLog();
            using PortOneClient client = RealClient(new Uri($"http://127.0.0.1:{ClosedPort()}/"), o => o.MaxRetries = 0);
            Assert.Equal(PortOneConnectFailure.Refused, ConnectFails(client, events).ConnectFailure);
            Assert.Single(events.FailedTries);
            Assert.Empty(events.Retries);
        }

        [Fact]
        public void A_name_that_does_not_resolve_is_named()
        {
            using PortOneClient client = RealClient(new Uri("https://api.portone.invalid/"));
            PortOneException e = ConnectFails(client);
            Assert.Equal(PortOneConnectFailure.NameNotResolved, e.ConnectFailure);
            Assert.Contains("'api.portone.invalid' does not resolve", e.Message);
            Assert.Equal("api.portone.invalid:443", e.Address);
        }

        [Fact]
        public void TLS_failing_its_checks_fails_at_once_and_is_never_retried()
        {
            using var server = new TestTlsServer();
            var events = new EventLog();
            using PortOneClient client = RealClient(server.Uri);
            PortOneException e = ConnectFails(client, events);
            Assert.Equal(PortOneConnectFailure.TlsFailed, e.ConnectFailure);
            Assert.Contains($"127.0.0.1:{server.Port}", e.Message);
            Assert.Empty(events.Retries);
            Assert.Equal(1, server.Handshakes);
            Assert.DoesNotContain("S3cr3t", e.ToString());
        }

        [Fact]
        public void Once_PortOne_has_answered_a_refusal_is_a_blip_and_gets_the_usual_retries()
        {
            int calls = 0;
            var api = new FakeApi(_ =>
            {
                calls++;
                throw new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));
            });
            using PortOneClient client = FakeApi.Client(api, o => o.MaxRetries = 3);
            var e = Assert.Throws<PortOneException>(() => client.GetPaymentAsync("imp_1", null, CancellationToken.None).GetAwaiter().GetResult());
            Assert.Equal(PortOneErrorKind.RetriesExhausted, e.Kind);
            Assert.Equal(4, calls);
        }

        [Fact]
        public void Timeouts_and_resets_stay_transient_before_any_answer_too()
        {
            var events = new EventLog();
            var api = new FakeApiWithoutToken(() => throw new HttpRequestException("reset", new SocketException((int)SocketError.ConnectionReset)));
            using PortOneClient client = FakeApi.Client(api, o => o.MaxRetries = 3);
            var e = Assert.Throws<PortOneException>(() => client.ConnectAsync(events, CancellationToken.None).GetAwaiter().GetResult());
            Assert.Equal(PortOneErrorKind.RetriesExhausted, e.Kind);
            Assert.Equal(3, events.Retries.Count);
        }

        /// <summary>A handler that fails every request, getToken too.</summary>
        private sealed class FakeApiWithoutToken : HttpMessageHandler
        {
            private readonly Func<HttpResponseMessage> _answer;
            public FakeApiWithoutToken(Func<HttpResponseMessage> answer) => _answer = answer;
            protected override System.Threading.Tasks.Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                System.Threading.Tasks.Task.FromResult(_answer());
        }
    }
}
