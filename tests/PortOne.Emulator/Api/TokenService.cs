using System;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace PortOne.Emulator.Api;

/// <summary>
/// PortOne's access token rules: asking again before expiry returns the same token; asking within the extend
/// window before expiry also pushes expiry out by the extension; after expiry a new token is issued.
/// Times are whole unix seconds like the API's now/expired_at; validity is checked to the millisecond.
/// </summary>
internal sealed class TokenService
{
    private readonly object _gate = new();
    private readonly int _lifetime;
    private string? _token;
    private long _expiredAt;

    public TokenService(int lifetimeSeconds)
    {
        _lifetime = lifetimeSeconds;
        // 30 min tokens: extended by 5 min when asked for in the last minute. Short test lifetimes keep the
        // same proportions (lifetime/30 and lifetime/6) so expiry stays testable in seconds.
        if (lifetimeSeconds >= 120)
        {
            ExtendWindow = 60;
            Extension = 300;
        }
        else
        {
            ExtendWindow = Math.Max(1, (lifetimeSeconds + 29) / 30);
            Extension = Math.Max(1, (lifetimeSeconds + 5) / 6);
        }
    }

    public int ExtendWindow { get; }
    public int Extension { get; }

    public (string Token, long Now, long ExpiredAt) Issue()
    {
        lock (_gate)
        {
            long nowMs = Clock.NowMs();
            long now = nowMs / 1000;
            if (_token is not null && nowMs < _expiredAt * 1000)
            {
                if (_expiredAt - now <= ExtendWindow) _expiredAt += Extension;
                return (_token, now, _expiredAt);
            }
            _token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
            _expiredAt = now + _lifetime;
            return (_token, now, _expiredAt);
        }
    }

    /// <summary>Ends the current token now (a test hook): the next API call with it is 401, the next getToken a new one.</summary>
    public void Expire()
    {
        lock (_gate) _token = null;
    }

    /// <summary>True when the request carries "Authorization: Bearer &lt;current unexpired token&gt;".</summary>
    public bool IsAuthorized(HttpRequest request)
    {
        string header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        string token = header[scheme.Length..].Trim();
        lock (_gate)
        {
            return _token is not null && token.Length > 0 && string.Equals(token, _token, StringComparison.Ordinal)
                && Clock.NowMs() < _expiredAt * 1000;
        }
    }
}
