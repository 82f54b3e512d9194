using System;
using System.Net;
using System.Net.Http;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Diagnostics;
using PortOne.Http;
using PortOne.Json;
using PortOne.Paging;

namespace PortOne
{
    /// <summary>The PortOne V1 payments API: connect, read payments by status (paged lazily) or one by one.</summary>
    public sealed class PortOneClient : IDisposable
    {
        // One handler for the process: connections are pooled and reused across commands and runspaces. It follows
        // no redirect: a 307 to getToken would resend the key and secret wherever it points.
        private static readonly Lazy<HttpClient> SharedHttp = new Lazy<HttpClient>(() =>
            new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate, AllowAutoRedirect = false })
            {
                Timeout = Timeout.InfiniteTimeSpan, // each request has its own timeout
            });

        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly ApiTransport _transport;

        /// <summary>
        /// A client for <paramref name="options"/>; nothing is sent until the first call. Without a handler it uses one
        /// HttpClient shared by the process; a handler given (tests) is used and disposed with this client.
        /// </summary>
        /// <exception cref="PortOneException">InsecureBaseUri or InvalidTier: options that must not be sent.</exception>
        public PortOneClient(PortOneClientOptions options, HttpMessageHandler? handler = null)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            PortOneClientOptions.EnsureSecureBaseUri(options.BaseUri);
            PortOneClientOptions.EnsureValidTier(options.Tier);
            if (!options.BaseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal))
            {
                options.BaseUri = new Uri(options.BaseUri.AbsoluteUri + "/");
            }
            _ownsHttp = handler != null;
            if (handler == null) DesktopHttpStack.Prepare(options.BaseUri);
            _http = handler != null ? new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan } : SharedHttp.Value;
            _transport = new ApiTransport(_http, options);
            JsonWarmUp.Start();
        }

        /// <summary>The options it was made with (the base URI given a trailing slash).</summary>
        public PortOneClientOptions Options { get; }

        /// <summary>When the current access token expires (local time), or null before the first token.</summary>
        public DateTimeOffset? TokenExpiresAt => _transport.TokenExpiresAt;

        /// <summary>Gets a token now, so wrong credentials fail at connect time rather than mid-export.</summary>
        public Task ConnectAsync(IPortOneEvents? events, CancellationToken cancellationToken) =>
            _transport.GetTokenAsync(events ?? NullPortOneEvents.Instance, cancellationToken);

        /// <summary>The query's payments, lazily (nothing is requested until read), pinned to windows fixed now, so its total and its payments describe the same range.</summary>
        public PaymentStream OpenPayments(PaymentQuery query, IPortOneEvents? events, CancellationToken cancellationToken)
        {
            PaymentReader reader = CreateReader(query, events);
            return new PaymentStream(reader, reader.PlanWindows(), cancellationToken);
        }

        /// <summary>One payment by imp_uid, test-channel (sandbox) payments included as the by-status lists include them.</summary>
        public Task<PaymentAnnotation> GetPaymentAsync(string impUid, IPortOneEvents? events, CancellationToken cancellationToken) =>
            _transport.GetAsync("payments/" + Uri.EscapeDataString(impUid) + "?include_sandbox=true", PortOneJsonContext.Default.ApiEnvelopePaymentAnnotation,
                events ?? NullPortOneEvents.Instance, cancellationToken);

        /// <summary>The latest payment with this order number (merchant_uid).</summary>
        public Task<PaymentAnnotation> FindByMerchantUidAsync(string merchantUid, IPortOneEvents? events, CancellationToken cancellationToken) =>
            _transport.GetAsync("payments/find/" + Uri.EscapeDataString(merchantUid), PortOneJsonContext.Default.ApiEnvelopePaymentAnnotation,
                events ?? NullPortOneEvents.Instance, cancellationToken);

        private PaymentReader CreateReader(PaymentQuery query, IPortOneEvents? events)
        {
            IPortOneEvents sink = events ?? NullPortOneEvents.Instance;
            JsonTypeInfo<ApiEnvelope<PaymentPage>> page = query.KeepOriginalJson ? PaymentAnnotationConverter.PageWithOriginalJson : PortOneJsonContext.Default.ApiEnvelopePaymentPage;
            return new PaymentReader(query, (pathAndQuery, ct) => _transport.GetAsync(pathAndQuery, page, sink, ct), sink);
        }

        /// <summary>Releases the token cache, and the handler if one was given.</summary>
        public void Dispose()
        {
            _transport.Dispose();
            if (_ownsHttp) _http.Dispose();
        }
    }
}
