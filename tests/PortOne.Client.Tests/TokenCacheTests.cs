using System;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Http;
using PortOne.Json;
using Xunit;

namespace PortOne.Client.Tests
{
    public class TokenCacheTests
    {
        private TimeSpan _now = TimeSpan.FromHours(1);
        private int _fetches;

        private Task<TokenResponse> Fetch(long serverNow, long lifetime)
        {
            _fetches++;
            return Task.FromResult(new TokenResponse { AccessToken = "t" + _fetches, Now = serverNow, ExpiredAt = serverNow + lifetime });
        }

        [Fact]
        public async Task Expiry_comes_from_the_servers_now_and_expired_at_not_the_local_clock()
        {
            var cache = new TokenCache(() => _now);
            // The server's clock is a year ahead of ours: comparing expired_at with the local clock would be wrong.
            long serverNow = DateTimeOffset.UtcNow.AddYears(1).ToUnixTimeSeconds();
            Assert.Equal("t1", await cache.GetAsync(_ => Fetch(serverNow, 1800), CancellationToken.None));
            _now += TimeSpan.FromMinutes(28);
            Assert.Equal("t1", await cache.GetAsync(_ => Fetch(serverNow, 1800), CancellationToken.None));
            Assert.Equal(1, _fetches);
        }

        [Fact]
        public async Task The_token_is_refreshed_shortly_before_it_expires()
        {
            var cache = new TokenCache(() => _now);
            await cache.GetAsync(_ => Fetch(0, 1800), CancellationToken.None);
            _now += TimeSpan.FromSeconds(1800 - 30); // inside the 60-second margin
            Assert.Equal("t2", await cache.GetAsync(_ => Fetch(0, 1800), CancellationToken.None));
        }

        [Fact]
        public async Task Short_lifetimes_use_a_proportional_margin()
        {
            var cache = new TokenCache(() => _now);
            await cache.GetAsync(_ => Fetch(0, 10), CancellationToken.None);
            _now += TimeSpan.FromSeconds(8);
            Assert.Equal("t1", await cache.GetAsync(_ => Fetch(0, 10), CancellationToken.None));
            _now += TimeSpan.FromSeconds(1.5);
            Assert.Equal("t2", await cache.GetAsync(_ => Fetch(0, 10), CancellationToken.None));
        }

        [Fact]
        public async Task Invalidate_forgets_only_the_refused_token()
        {
            var cache = new TokenCache(() => _now);
            await cache.GetAsync(_ => Fetch(0, 1800), CancellationToken.None);
            cache.Invalidate("someone-elses");
            Assert.Equal("t1", await cache.GetAsync(_ => Fetch(0, 1800), CancellationToken.None));
            cache.Invalidate("t1");
            Assert.Equal("t2", await cache.GetAsync(_ => Fetch(0, 1800), CancellationToken.None));
        }
    }
}
