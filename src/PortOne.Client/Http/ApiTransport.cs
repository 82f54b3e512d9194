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

        /// <summary>Releases the token cache; the HttpClient belongs to the caller.</summary>
        public void Dispose() => _tokens.Dispose();

        public Task<string> GetTokenAsync(IPortOneEvents events, CancellationToken cancellationToken) =>
            _tokens.GetAsync(ct => FetchTokenAsync(events, ct), cancellationToken);

        /// <summary>GET pathAndQuery (relative to the base URI) and return the envelope's response.</summary>
        public async Task<T> GetAsync<T>(string pathAndQuery, JsonTypeInfo<ApiEnvelope<T>> typeInfo, IPortOneEvents events, CancellationToken cancellationToken)
        {
            bool refreshedAfter401 = false;
            for (int attempt = 0; ; attempt++)
            {
                string token = await GetTokenAsync(events, cancellationToken).ConfigureAwait(false);
                try
                {
                    return await SendOnceAsync(HttpMethod.Get, pathAndQuery, null, token, typeInfo, events, cancellationToken).ConfigureAwait(false);
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
                    throw Failure(PortOneErrorKind.AuthenticationFailed, pathAndQuery, 401, null, null,
                        $"PortOne refused a fresh access token for {pathAndQuery} (HTTP 401).",
                        "Check that the API key may read payments (and the Tier code, if you set one), then Connect-PortOne again.");
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
                    return await SendOnceAsync(HttpMethod.Post, TokenPath, JsonContent(body), null, PortOneJsonContext.Default.ApiEnvelopeTokenResponse, events, cancellationToken).ConfigureAwait(false);
                }
                catch (TokenRefusedException)
                {
                    throw Failure(PortOneErrorKind.AuthenticationFailed, TokenPath, 401, null, null,
                        $"PortOne refused the API key '{_options.MaskedImpKey}' and its secret (HTTP 401).",
                        "Check the REST API key (imp_key) and secret (imp_secret) in the PortOne console, then run Connect-PortOne again.");
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

        private async Task WaitBeforeRetryAsync(string pathAndQuery, int attempt, TransientFailure failure, IPortOneEvents events, CancellationToken cancellationToken)
        {
            if (failure.Unreachable != null && (attempt >= 1 || attempt >= _retry.MaxRetries))
            {
                // Refused, no such name, a proxy saying no, and PortOne never answered: a wrong address, not a bad moment.
                throw ConnectFailures.ToException(failure.Unreachable.Value, pathAndQuery, _options.BaseUri, _proxy, failure.ProxyStatus, failure.InnerException!);
            }
            if (attempt >= _retry.MaxRetries)
            {
                throw Failure(PortOneErrorKind.RetriesExhausted, pathAndQuery, failure.Status == 0 ? (int?)null : failure.Status, null, null,
                    $"PortOne did not answer {pathAndQuery} after {attempt + 1} tries: {failure.Reason}.",
                    "PortOne or the network is having trouble. Run the command again later, or raise -MaxRetries / -TimeoutSec on Connect-PortOne.",
                    failure.InnerException);
            }
            TimeSpan delay = failure.Unreachable != null ? QuickRetry : _retry.DelayBefore(attempt + 1, failure.RetryAfter);
            events.RetryScheduled(new RetryInfo(pathAndQuery, attempt + 1, _retry.MaxRetries, delay, failure.Reason));
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        private async Task<T> SendOnceAsync<T>(HttpMethod method, string pathAndQuery, HttpContent? body, string? token,
            JsonTypeInfo<ApiEnvelope<T>> typeInfo, IPortOneEvents events, CancellationToken cancellationToken)
        {
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
                using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
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
                if (status >= 300 && status <= 399) throw Redirected(response, request.RequestUri, pathAndQuery);
                if (status < 200 || status > 299) throw await ErrorFromAnswerAsync(response, pathAndQuery, timeout.Token).ConfigureAwait(false);
                EnsureJson(response, pathAndQuery);

                ApiEnvelope<T>? envelope;
                using (Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                {
                    envelope = await JsonSerializer.DeserializeAsync(stream, typeInfo, timeout.Token).ConfigureAwait(false);
                }
                if (envelope == null || envelope.Code != 0 || envelope.Response == null)
                {
                    int code = envelope?.Code ?? 0;
                    throw Failure(PortOneErrorKind.ApiError, pathAndQuery, status, code, envelope?.Message,
                        $"PortOne answered {pathAndQuery} with code {code}: {envelope?.Message ?? "(no message)"}.",
                        "Read PortOne's message above; check the query's parameters, the Tier code and the key's permissions.");
                }
                PaymentValidator.Validate(envelope.Response, pathAndQuery);
                if (envelope.Response is TokenResponse issued) _clock.Learn(DateTimeOffset.FromUnixTimeSeconds(issued.Now), sentAt, _options.MonotonicClock());
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
                if (unreachable == PortOneConnectFailure.TlsFailed) throw ConnectFailures.ToException(unreachable.Value, pathAndQuery, _options.BaseUri, _proxy, null, e);
                throw new TransientFailure(failed, status, null, e) { Unreachable = _answered ? null : unreachable, ProxyStatus = proxyStatus };
            }
            catch (UnusableValueException e)
            {
                throw Failure(PortOneErrorKind.InvalidResponse, pathAndQuery, status, null, null,
                    $"PortOne's answer to {pathAndQuery} is unusable: {e.Where} is {e.Reason}.",
                    "Run the command again; if it persists, report it to PortOne with the -Verbose output. Narrowing -From/-To can get the payments around it.", e);
            }
            catch (JsonException e)
            {
                throw Failure(PortOneErrorKind.InvalidResponse, pathAndQuery, status, null, null,
                    $"PortOne's answer to {pathAndQuery} is not valid JSON ({e.Message}).",
                    "A proxy or a broken connection may have altered the answer; run the command again, and check ApiBaseUri if it persists.", e);
            }
            finally
            {
                // Every failed try is said too (with no payment count and, where no answer came, why), whatever ended it.
                if (!answered) events.RequestCompleted(new RequestInfo(method.Method, pathAndQuery, status, watch.Elapsed, null) { Failure = status == 0 ? failed : null });
            }
        }

        private static int? ItemCount<T>(T response) => response is PaymentPage page ? page.List?.Count ?? 0 : (int?)null;

        /// <summary>A 3xx, never followed: it names where it pointed, and says that nothing was sent there.</summary>
        private static PortOneException Redirected(HttpResponseMessage response, Uri requested, string pathAndQuery)
        {
            int status = (int)response.StatusCode;
            Uri? location = response.Headers.Location;
            if (location != null && !location.IsAbsoluteUri) location = new Uri(requested, location);
            string where = location != null ? $"a redirect to {location}" : "a redirect with no Location";
            return Failure(PortOneErrorKind.Redirected, pathAndQuery, status, null, null,
                $"The API address answered {pathAndQuery} with HTTP {status}, {where}. Redirects are not followed, so nothing (no key, secret or token) was sent there.",
                "Check -ApiBaseUri (or PORTONE_API_BASE_URI) and any proxy on the way: PortOne's API does not redirect. If the new address is really PortOne's, connect to it directly.");
        }

        private static void EnsureJson(HttpResponseMessage response, string pathAndQuery)
        {
            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType != null && mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0)
            {
                throw Failure(PortOneErrorKind.InvalidResponse, pathAndQuery, (int)response.StatusCode, null, null,
                    $"The answer to {pathAndQuery} is {mediaType}, not JSON: something other than PortOne answered.",
                    "Check -ApiBaseUri and any proxy between this machine and PortOne.");
            }
        }

        private static async Task<Exception> ErrorFromAnswerAsync(HttpResponseMessage response, string pathAndQuery, CancellationToken cancellationToken)
        {
            int status = (int)response.StatusCode;
            ErrorEnvelope? error = null;
            try
            {
                using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                error = await JsonSerializer.DeserializeAsync(stream, PortOneJsonContext.Default.ErrorEnvelope, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's page): the status code alone must do.
            }
            string apiText = error?.Message != null ? $" (code {error.Code}: {error.Message})" : "";
            if (status == 404)
            {
                return Failure(PortOneErrorKind.NotFound, pathAndQuery, status, error?.Code, error?.Message,
                    $"PortOne has no such resource: {pathAndQuery}{apiText}.",
                    "Check the id; it may belong to another merchant account or Tier.");
            }
            return Failure(PortOneErrorKind.ApiError, pathAndQuery, status, error?.Code, error?.Message,
                $"PortOne rejected {pathAndQuery} with HTTP {status}{apiText}.",
                status == 403 ? "The API key is not allowed to do this; check its permissions and the Tier code."
                              : "Check the command's parameters against PortOne's message.");
        }

        private static PortOneException Failure(PortOneErrorKind kind, string path, int? status, int? code, string? apiMessage,
            string message, string action, Exception? inner = null) =>
            new PortOneException(kind, message, action, inner) { HttpStatus = status, ApiCode = code, ApiMessage = apiMessage, RequestPath = path };

        /// <summary>Internal signals between one try and the retry loop; never leave this class.</summary>
        private class ApiSignal : Exception
        {
            protected ApiSignal(string message, Exception? inner = null) : base(message, inner) { }
        }

        private sealed class TokenRefusedException : ApiSignal
        {
            public TokenRefusedException() : base("401") { }
        }

        private sealed class TransientFailure : ApiSignal
        {
            public TransientFailure(string reason, int status, TimeSpan? retryAfter, Exception? inner = null) : base(reason, inner)
            {
                Reason = reason;
                Status = status;
                RetryAfter = retryAfter;
            }

            public string Reason { get; }
            public int Status { get; }
            public TimeSpan? RetryAfter { get; }

            /// <summary>Set when no connection could be made and the API has never answered: one quick retry, then Unreachable.</summary>
            public PortOneConnectFailure? Unreachable { get; set; }

            public int? ProxyStatus { get; set; }
        }
    }
}
