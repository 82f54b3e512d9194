using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Diagnostics;
using PortOne.Json;

namespace PortOne.Http
{
    /// <summary>
    /// Sends one API call: token, Tier header, timeout, retries of transient failures, a single token refresh on
    /// 401, and the JSON answer parsed straight from the response stream. Every failure becomes a PortOneException.
    /// Every answer also tells PortOne's clock what time PortOne says it is.
    /// </summary>
    internal sealed class ApiTransport : IDisposable
    {
        private const string TokenPath = "users/getToken";

        /// <summary>The one retry a connection that could not be made gets, before the API has ever answered: soon.</summary>
        internal static readonly TimeSpan QuickRetry = TimeSpan.FromMilliseconds(250);

        private readonly HttpClient _http;
        private readonly PortOneClientOptions _options;
        private readonly RetryPolicy _retry;
        private readonly TokenCache _tokens;
        private readonly PortOneClock _clock;
        private readonly Uri? _proxy;
        private volatile bool _answered;
        private int _disposed;

        /// <summary>A transport over <paramref name="http"/>; <paramref name="proxy"/> is the proxy it goes through, for error messages.</summary>
        public ApiTransport(HttpClient http, PortOneClientOptions options, PortOneClock? clock = null, Uri? proxy = null)
        {
            _http = http;
            _options = options;
            _retry = new RetryPolicy(options.MaxRetries, options.RetryBaseDelay, options.RetryMaxDelay, options.MaxRetryAfter);
            _tokens = new TokenCache(options.MonotonicClock);
            _clock = clock ?? new PortOneClock(options.MonotonicClock, options.WallClock);
            _proxy = proxy;
        }

        public DateTimeOffset? TokenExpiresAt => _tokens.ExpiresAt;

        /// <summary>
        /// Releases the token cache (the HttpClient belongs to the caller); every request after this throws
        /// ObjectDisposedException.
        /// </summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) _tokens.Dispose();
        }

        public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        public Task<string> GetTokenAsync(IPortOneEvents events, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            return _tokens.GetAsync(ct => FetchTokenAsync(events, ct), cancellationToken);
        }

        /// <summary>A disposed client sends nothing more, a read already under way included.</summary>
        public void ThrowIfDisposed()
        {
            if (IsDisposed) throw new ObjectDisposedException(nameof(PortOneClient));
        }

        /// <summary>GET pathAndQuery (relative to the base URI) and return the envelope's response.</summary>
        public Task<T> GetAsync<T>(
            string pathAndQuery, JsonTypeInfo<ApiEnvelope<T>> typeInfo, IPortOneEvents events, CancellationToken cancellationToken) =>
            GetAsync(pathAndQuery, JsonBody.Serializer(typeInfo), events, cancellationToken);

        /// <summary>The same, the body parsed by <paramref name="parse"/>.</summary>
        public async Task<T> GetAsync<T>(
            string pathAndQuery, BodyParser<ApiEnvelope<T>> parse, IPortOneEvents events, CancellationToken cancellationToken)
        {
            bool refreshedAfter401 = false;
            for (int attempt = 0; ; attempt++)
            {
                string token = await GetTokenAsync(events, cancellationToken).ConfigureAwait(false);
                try
                {
                    return await SendOnceAsync(HttpMethod.Get, pathAndQuery, null, token, parse, events, cancellationToken).ConfigureAwait(false);
                }
                catch (TokenRefusedException) when (!refreshedAfter401)
                {
                    // The token expired early or was revoked: one fresh token, then the same call again.
                    refreshedAfter401 = true;
                    _tokens.Invalidate(token);
                    attempt--;
                }
                catch (TokenRefusedException)
                {
                    throw ApiFailures.TokenRefused(pathAndQuery);
                }
                catch (TransientFailure failure)
                {
                    await WaitBeforeRetryAsync(pathAndQuery, attempt, failure, events, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private async Task<TokenResponse> FetchTokenAsync(IPortOneEvents events, CancellationToken cancellationToken)
        {
            for (int attempt = 0; ; attempt++)
            {
                byte[] body = TokenJson();
                try
                {
                    return await SendOnceAsync(HttpMethod.Post, TokenPath, JsonContent(body), null,
                        JsonBody.Serializer(PortOneJsonContext.Default.ApiEnvelopeTokenResponse), events, cancellationToken).ConfigureAwait(false);
                }
                catch (TokenRefusedException)
                {
                    throw ApiFailures.KeyRefused(TokenPath, _options.MaskedImpKey);
                }
                catch (TransientFailure failure)
                {
                    await WaitBeforeRetryAsync(TokenPath, attempt, failure, events, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    // The body holds the secret: zeroed once sent (the string NetworkCredential.Password made is the GC's).
                    Array.Clear(body, 0, body.Length);
                }
            }
        }

        private byte[] TokenJson()
        {
            var request = new TokenRequest { ImpKey = _options.Credential.UserName, ImpSecret = _options.Credential.Password };
            return JsonSerializer.SerializeToUtf8Bytes(request, PortOneJsonContext.Default.TokenRequest);
        }

        private static ByteArrayContent JsonContent(byte[] json)
        {
            var content = new ByteArrayContent(json);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return content;
        }

        private async Task WaitBeforeRetryAsync(
            string pathAndQuery, int attempt, TransientFailure failure, IPortOneEvents events, CancellationToken cancellationToken)
        {
            if (failure.Unreachable != null && (attempt >= 1 || attempt >= _retry.MaxRetries))
            {
                // Refused, no such name, a proxy saying no, and PortOne never answered: a wrong address, not a bad moment.
                throw ConnectFailures.ToException(
                    failure.Unreachable.Value, pathAndQuery, _options.BaseUri, _proxy, failure.ProxyStatus, failure.InnerException!);
            }
            if (attempt >= _retry.MaxRetries)
            {
                throw ApiFailures.RetriesExhausted(pathAndQuery, attempt + 1, failure.Status, failure.Reason, failure.InnerException);
            }
            TimeSpan delay = failure.Unreachable != null ? QuickRetry : _retry.DelayBefore(attempt + 1, failure.RetryAfter);
            events.RetryScheduled(new RetryInfo(pathAndQuery, attempt + 1, _retry.MaxRetries, delay, failure.Reason));
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        private async Task<T> SendOnceAsync<T>(HttpMethod method, string pathAndQuery, HttpContent? body, string? token,
            BodyParser<ApiEnvelope<T>> parse, IPortOneEvents events, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            using var request = new HttpRequestMessage(method, new Uri(_options.BaseUri, pathAndQuery)) { Content = body };
            if (token != null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (!string.IsNullOrEmpty(_options.Tier)) request.Headers.TryAddWithoutValidation("Tier", _options.Tier);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            var watch = Stopwatch.StartNew();
            int status = 0;
            bool answered = false;
            string? failed = null;
            TimeSpan sentAt = _options.MonotonicClock();
            try
            {
                using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                    .ConfigureAwait(false);
                status = (int)response.StatusCode;
                _answered = true;
                DateTimeOffset? stamped = response.Headers.Date;
                if (stamped.HasValue) _clock.Learn(stamped.Value, sentAt, _options.MonotonicClock());
                if (status == 401) throw new TokenRefusedException();
                if (RetryPolicy.IsTransientStatus(status))
                {
                    // A Retry-After date is PortOne's time: counted from the answer's own Date, never from this machine's clock.
                    failed = $"HTTP {status} {response.ReasonPhrase}";
                    throw new TransientFailure(failed, status, RetryPolicy.ReadRetryAfter(response, stamped ?? _clock.Now()));
                }
                if (status >= 300 && status <= 399) throw ApiFailures.Redirected(response, request.RequestUri, pathAndQuery);
                if (status < 200 || status > 299)
                {
                    throw await ApiFailures.FromErrorAnswerAsync(response, pathAndQuery, timeout.Token).ConfigureAwait(false);
                }
                ApiFailures.EnsureJson(response, pathAndQuery);

                ApiEnvelope<T>? envelope;
                using (Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                {
                    envelope = await JsonBody.ReadAsync(stream, response.Content.Headers.ContentLength, parse, timeout.Token).ConfigureAwait(false);
                }
                if (envelope == null || envelope.Code != 0 || envelope.Response == null)
                {
                    throw ApiFailures.Refused(pathAndQuery, status, envelope?.Code ?? 0, envelope?.Message);
                }
                PaymentValidator.Validate(envelope.Response, pathAndQuery);
                if (envelope.Response is TokenResponse issued)
                {
                    _clock.Learn(DateTimeOffset.FromUnixTimeSeconds(issued.Now), sentAt, _options.MonotonicClock());
                }
                answered = true;
                events.RequestCompleted(new RequestInfo(method.Method, pathAndQuery, status, watch.Elapsed, ItemCount(envelope.Response)));
                return envelope.Response;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failed = $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s";
                throw new TransientFailure(failed, status, null);
            }
            catch (Exception e) when (e is HttpRequestException || e is IOException)
            {
                failed = "the connection failed: " + e.Message;
                PortOneConnectFailure? unreachable = ConnectFailures.Classify(e, out int? proxyStatus);
                // TLS failing its checks is never transient; the rest is only while the API has never answered (after that,
                // a refusal or a DNS failure is a restart or a blip, and worth the usual retries).
                if (unreachable == PortOneConnectFailure.TlsFailed)
                {
                    throw ConnectFailures.ToException(unreachable.Value, pathAndQuery, _options.BaseUri, _proxy, null, e);
                }
                throw new TransientFailure(failed, status, null, e) { Unreachable = _answered ? null : unreachable, ProxyStatus = proxyStatus };
            }
            catch (UnusableValueException e)
            {
                throw ApiFailures.Unusable(pathAndQuery, status, e);
            }
            catch (JsonException e)
            {
                throw ApiFailures.InvalidJson(pathAndQuery, status, e);
            }
            finally
            {
                // Every failed try is said too (with no payment count and, where no answer came, why), whatever ended it.
                if (!answered)
                {
                    var tried = new RequestInfo(method.Method, pathAndQuery, status, watch.Elapsed, null) { Failure = status == 0 ? failed : null };
                    events.RequestCompleted(tried);
                }
            }
        }

        private static int? ItemCount<T>(T response) => response is PaymentPage page ? page.List?.Count ?? 0 : (int?)null;
    }
}
