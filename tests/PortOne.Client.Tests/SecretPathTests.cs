using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>docs/SECURITY.md, S1 and L2: where the key, the secret and the token travel, seen from the wire.</summary>
    public class SecretPathTests
    {
        private const string Key = "imp_key_ABCD1234";
        private const string Secret = "S3cr3t-on-the-wire";
        private const string Token = "tok_0123456789abcdef";

        /// <summary>Every request as it left: its URL, every header, its body; and the getToken body's buffer.</summary>
        private sealed class Wire : HttpMessageHandler
        {
            public readonly ConcurrentQueue<(string Url, string Headers, string Body)> Seen = new ConcurrentQueue<(string, string, string)>();
            public byte[]? TokenBodyBuffer;

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                string body = request.Content == null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
                string headers = string.Join("\n", request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<System.Collections.Generic.KeyValuePair<string, System.Collections.Generic.IEnumerable<string>>>())
                    .Select(h => h.Key + ": " + string.Join(",", h.Value)));
                Seen.Enqueue((request.RequestUri!.ToString(), headers, body));
                if (request.RequestUri.AbsolutePath.EndsWith("/users/getToken", StringComparison.Ordinal))
                {
                    // The very array the client sent (ByteArrayContent keeps it in a private field).
                    TokenBodyBuffer = (byte[]?)typeof(ByteArrayContent).GetField("_content", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(request.Content);
                    return FakeApi.Json(200, $"{{\"code\":0,\"message\":null,\"response\":{{\"access_token\":\"{Token}\",\"now\":1700000000,\"expired_at\":1700001800}}}}");
                }
                return FakeApi.Json(200, "{\"code\":0,\"message\":null,\"response\":" + FakeApi.Payment("imp_1") + "}");
            }
        }

        private static PortOneClient Client(Wire wire) =>
            new PortOneClient(new PortOneClientOptions(new NetworkCredential(Key, Secret)) { BaseUri = new Uri("https://api.example.test/"), Tier = "T01" }, wire);

        [Fact]
        public async Task The_key_and_secret_go_only_in_the_getToken_body_and_the_token_only_in_Authorization()
        {
            var wire = new Wire();
            using PortOneClient client = Client(wire);
            await client.GetPaymentAsync("imp_1", null, CancellationToken.None);
            await client.FindByMerchantUidAsync("m_1", null, CancellationToken.None);

            var seen = wire.Seen.ToArray();
            Assert.Equal(3, seen.Length);
            var token = seen.Single(r => r.Url.EndsWith("/users/getToken", StringComparison.Ordinal));
            Assert.Equal("https://api.example.test/users/getToken", token.Url);
            Assert.Contains($"\"imp_secret\":\"{Secret}\"", token.Body);
            Assert.Contains($"\"imp_key\":\"{Key}\"", token.Body);
            Assert.DoesNotContain("Authorization", token.Headers);
            foreach (var r in seen)
            {
                Assert.DoesNotContain(Secret, r.Url + r.Headers);
                Assert.DoesNotContain(Key, r.Url + r.Headers);
                Assert.StartsWith("https://api.example.test/", r.Url);
                if (r != token)
                {
                    Assert.Equal("", r.Body);
                    Assert.Contains("Authorization: Bearer " + Token, r.Headers);
                    Assert.DoesNotContain(Token, r.Url);
                }
            }
        }

        [Fact]
        public async Task The_getToken_body_is_zeroed_once_sent()
        {
            var wire = new Wire();
            using PortOneClient client = Client(wire);
            await client.ConnectAsync(null, CancellationToken.None);
            Assert.NotNull(wire.TokenBodyBuffer);
            Assert.True(wire.TokenBodyBuffer!.Length > Secret.Length);
            Assert.All(wire.TokenBodyBuffer, b => Assert.Equal(0, b));
            Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(wire.TokenBodyBuffer));
        }
    }
}
