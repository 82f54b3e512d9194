using System;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Json;

namespace PortOne.Http
{
    /// <summary>
    /// Holds the access token. Expiry is computed from the server's own `now` and `expired_at` (their difference
    /// is the lifetime) against a local monotonic clock, never by comparing expired_at with the local clock.
    /// The token is refreshed a little before it expires, and at once when the server says 401.
    /// </summary>
    internal sealed class TokenCache : IDisposable
    {
        private static readonly TimeSpan MaxRefreshMargin = TimeSpan.FromSeconds(60);
        private readonly Func<TimeSpan> _clock;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private string? _token;
        private TimeSpan _refreshAt;

        public TokenCache(Func<TimeSpan> clock)
        {
            _clock = clock;
        }

        /// <summary>When the current token expires, in local wall time (for display only).</summary>
        public DateTimeOffset? ExpiresAt { get; private set; }

        public async Task<string> GetAsync(Func<CancellationToken, Task<TokenResponse>> fetch, CancellationToken cancellationToken)
        {
            string? current = Volatile.Read(ref _token);
            if (current != null && _clock() < _refreshAt) return current;

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_token != null && _clock() < _refreshAt) return _token;
                TimeSpan askedAt = _clock();
                TokenResponse answer = await fetch(cancellationToken).ConfigureAwait(false);
                TimeSpan lifetime = TimeSpan.FromSeconds(Math.Max(0, answer.ExpiredAt - answer.Now));
                TimeSpan margin = TimeSpan.FromTicks(Math.Min(MaxRefreshMargin.Ticks, lifetime.Ticks / 10));
                _refreshAt = askedAt + lifetime - margin;
                ExpiresAt = DateTimeOffset.Now + lifetime;
                Volatile.Write(ref _token, answer.AccessToken);
                return answer.AccessToken!;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Forgets a token the server refused, unless another caller already replaced it.</summary>
        public void Invalidate(string refusedToken)
        {
            string? current = Volatile.Read(ref _token);
            if (current != null && string.Equals(current, refusedToken, StringComparison.Ordinal))
            {
                Interlocked.CompareExchange(ref _token, null, current);
            }
        }

        public void Dispose() => _gate.Dispose();
    }
}
