using System;
using System.Linq;
using System.Net;
using PortOne.Http;
using PortOne.TestSupport;
using Xunit;
using static PortOne.Client.Tests.ConnectFailureTests;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// Which requests a proxy carries, proven with a recording proxy on loopback: https through the given proxy as a
    /// CONNECT tunnel, with its credentials; plain http to this machine never, whatever is set. (The platform's
    /// default proxy, read from the environment once per process, is proven in Pester with a child process.)
    /// </summary>
    public class ProxyTests
    {
        private static readonly Uri Remote = new Uri("https://api.portone.test/");

        [Fact]
        public void Plain_http_to_this_machine_never_goes_through_a_given_proxy()
        {
            using var proxy = new RecordingProxy();
            int port = ClosedPort();
            using PortOneClient client = RealClient(new Uri($"http://127.0.0.1:{port}/"), o => o.Proxy = proxy.Uri);
            Assert.Equal(ProxyChoice.LoopbackDirect, client.ProxyChoice);
            Assert.Null(client.ProxyInUse);
            PortOneException e = ConnectFails(client);
            Assert.Equal(PortOneConnectFailure.Refused, e.ConnectFailure);
            Assert.Equal($"127.0.0.1:{port}", e.Address);
            Assert.Empty(proxy.Records);
        }

        [Fact]
        public void Https_goes_through_the_given_proxy_as_a_tunnel_that_carries_no_secret_in_clear()
        {
            using var proxy = new RecordingProxy();
            using PortOneClient client = RealClient(Remote, o => o.Proxy = proxy.Uri);
            Assert.Equal(ProxyChoice.Given, client.ProxyChoice);
            Assert.Equal(proxy.Uri, client.ProxyInUse);
            PortOneException e = ConnectFails(client);
            Assert.Equal(PortOneConnectFailure.ProxyRefused, e.ConnectFailure);
            Assert.Equal(502, e.HttpStatus);
            Assert.Equal(proxy.Uri, e.Proxy);
            Assert.NotEmpty(proxy.Records);
            Assert.All(proxy.Records, r =>
            {
                Assert.Equal("CONNECT", r.Method);
                Assert.Equal("api.portone.test:443", r.Target);
                Assert.Equal("", r.Body);
            });
        }

        [Fact]
        public void Proxy_credentials_answer_the_proxys_challenge()
        {
            using var proxy = new RecordingProxy("alice", "S3cr3t-proxy");
            using PortOneClient client = RealClient(Remote, o =>
            {
                o.Proxy = proxy.Uri;
                o.ProxyCredential = new NetworkCredential("alice", "S3cr3t-proxy");
            });
            Assert.Equal("alice", client.ProxyUser);
            PortOneException e = ConnectFails(client);
            Assert.Equal(502, e.HttpStatus); // past the 407: the proxy accepted the credentials, then could not reach the name
            Assert.Contains(proxy.Records, r => r.Answer == 407 && r.ProxyAuthorization == null);
            Assert.Contains(proxy.Records, r => r.Method == "CONNECT" && r.BasicCredentials == "alice:S3cr3t-proxy" && r.Answer == 502);
            Assert.DoesNotContain("S3cr3t", e.ToString());
        }

        [Fact]
        public void Without_credentials_a_proxy_that_wants_them_is_named_with_its_407()
        {
            using var proxy = new RecordingProxy("alice", "S3cr3t-proxy");
            using PortOneClient client = RealClient(Remote, o => o.Proxy = proxy.Uri);
            PortOneException e = ConnectFails(client);
            Assert.Equal(PortOneConnectFailure.ProxyRefused, e.ConnectFailure);
            Assert.Equal(407, e.HttpStatus);
            Assert.Contains("407", e.Message);
        }

        [Fact]
        public void Credentials_in_the_proxys_URI_are_used_and_never_shown()
        {
            using var proxy = new RecordingProxy("alice", "S3cr3t-proxy");
            var withCredentials = new UriBuilder(proxy.Uri) { UserName = "alice", Password = "S3cr3t-proxy" }.Uri;
            using PortOneClient client = RealClient(Remote, o => o.Proxy = withCredentials);
            Assert.Equal(proxy.Uri, client.ProxyInUse);
            Assert.Equal("alice", client.ProxyUser);
            PortOneException e = ConnectFails(client);
            Assert.Contains(proxy.Records, r => r.BasicCredentials == "alice:S3cr3t-proxy");
            Assert.DoesNotContain("S3cr3t", e.ToString());
            Assert.DoesNotContain("S3cr3t", e.Proxy!.ToString());
        }

        [Fact]
        public void Https_to_this_machine_may_use_the_proxy_and_TLS_still_runs_end_to_end_through_it()
        {
            using var proxy = new RecordingProxy();
            using var server = new TestTlsServer();
            using PortOneClient client = RealClient(server.Uri, o => o.Proxy = proxy.Uri);
            PortOneException e = ConnectFails(client);
            Assert.Equal(PortOneConnectFailure.TlsFailed, e.ConnectFailure); // the certificate was checked through the tunnel
            ProxyRecord tunnel = Assert.Single(proxy.Records);
            Assert.Equal($"CONNECT 127.0.0.1:{server.Port} -> 200", tunnel.ToString());
            Assert.Equal(1, server.Handshakes);
        }

        [Fact]
        public void One_pooled_handler_per_proxy_route_not_one_per_client()
        {
            var first = new Uri("http://127.0.0.1:3128/");
            RealClient(Remote, o => o.Proxy = first).Dispose();
            int handlers = SharedHttp.Count;
            RealClient(Remote, o => o.Proxy = first).Dispose();
            RealClient(new Uri("https://other.portone.test/"), o => o.Proxy = first).Dispose();
            Assert.Equal(handlers, SharedHttp.Count);
            RealClient(Remote, o => { o.Proxy = first; o.ProxyCredential = new NetworkCredential("bob", "x"); }).Dispose();
            Assert.Equal(handlers + 1, SharedHttp.Count);
        }

        [Theory]
        [InlineData("ftp://proxy.example.com/", false, false)]
        [InlineData("http://alice:pw@proxy.example.com:3128/", true, false)]
        [InlineData("http://proxy.example.com:3128/", true, true)]
        public void A_proxy_the_client_cannot_use_is_refused_before_anything_is_sent(string proxy, bool credential, bool defaultCredentials)
        {
            var e = Assert.Throws<PortOneException>(() => RealClient(Remote, o =>
            {
                o.Proxy = new Uri(proxy);
                if (credential) o.ProxyCredential = new NetworkCredential("bob", "pw");
                o.ProxyUseDefaultCredentials = defaultCredentials;
            }));
            Assert.Equal(PortOneErrorKind.InvalidProxy, e.Kind);
            Assert.DoesNotContain("pw", e.Message);
        }
    }
}
