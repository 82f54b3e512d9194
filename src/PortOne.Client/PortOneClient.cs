using System;
using System.Net;
using System.Net.Http;
using System.Text.Json;
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
        /// <summary>
        /// A clock difference beyond this is worth saying (a host may say it). Below it, PortOne's Date
        /// header (whole seconds) and the network's round trip make the difference too uncertain to mean anything.
        /// </summary>
        public static readonly TimeSpan ClockSkewBound = TimeSpan.FromSeconds(5);

        /// <summary>
        /// How far <see cref="PortOneNow"/> may trail PortOne's own clock (its answers give whole seconds, and a Date header
        /// may lag by one more): a time less than this after PortOneNow is not known to be in PortOne's future.
        /// </summary>
        public static readonly TimeSpan ClockUncertainty = PortOneClock.StampWidth;

        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly ProxyRoute _route;
        private readonly PortOneClock _clock;
        private readonly ApiTransport _transport;

        /// <summary>
        /// A client for a copy of <paramref name="options"/> (the caller's object is left as it is, and later changes to
        /// it do not reach this client); nothing is sent until the first call. Without a handler it uses the
        /// process's pooled HttpClient for its proxy route (see <see cref="ProxyChoice"/>); a handler given (tests) is
        /// used as it is, and disposed with this client.
        /// </summary>
        /// <exception cref="PortOneException">InsecureBaseUri, InvalidTier or InvalidProxy: options that must not be sent.</exception>
        public PortOneClient(PortOneClientOptions options, HttpMessageHandler? handler = null)
        {
            options = (options ?? throw new ArgumentNullException(nameof(options))).Copy();
            PortOneClientOptions.EnsureSecureBaseUri(options.BaseUri);
            PortOneClientOptions.EnsureValidTier(options.Tier);
            PortOneClientOptions.EnsureValidProxy(options);
            if (!options.BaseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal))
            {
                options.BaseUri = new Uri(options.BaseUri.AbsoluteUri + "/");
            }
            Options = options;
            _route = ProxyRoute.For(options);
            _ownsHttp = handler != null;
            if (handler == null) DesktopHttpStack.Prepare(options.BaseUri, _route.ServicePointProxy());
            _http = handler != null ? new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan } : SharedHttp.For(_route);
            _clock = new PortOneClock(options.MonotonicClock, options.WallClock);
            _transport = new ApiTransport(_http, options, _clock, _route.ProxyFor(options.BaseUri));
            JsonWarmUp.Start();
        }

        /// <summary>This client's copy of the options it was made with (the base URI given a trailing slash).</summary>
        public PortOneClientOptions Options { get; }

        /// <summary>When the current access token expires (local time), or null before the first token.</summary>
        public DateTimeOffset? TokenExpiresAt => _transport.TokenExpiresAt;

        /// <summary>Which proxy this client's requests take.</summary>
        public ProxyChoice ProxyChoice => _route.Choice;

        /// <summary>The proxy requests to the API go through (without user info), or null when they go straight to it.</summary>
        public Uri? ProxyInUse => _route.ProxyFor(Options.BaseUri);

        /// <summary>Who the proxy is told this is: a user name, "DefaultCredentials", or null (never a password).</summary>
        public string? ProxyUser => _route.ProxyUserFor(Options.BaseUri);

        /// <summary>
        /// PortOne's time now, as learned from its answers (getToken's `now`, the Date header), so that a range ending
        /// "now" ends at PortOne's now whatever this machine's clock says; this machine's UTC time before any answer
        /// (<see cref="ConnectAsync"/> gets one).
        /// </summary>
        public DateTimeOffset PortOneNow() => _clock.Now();

        /// <summary>PortOne's clock minus this machine's (positive: PortOne is ahead), or null before any answer.</summary>
        public TimeSpan? ClockOffset => _clock.Offset;

        /// <summary>Gets a token now, so wrong credentials fail at connect time rather than mid-export, and PortOne's clock is known.</summary>
        public Task ConnectAsync(IPortOneEvents? events, CancellationToken cancellationToken) =>
            Transport().GetTokenAsync(events ?? NullPortOneEvents.Instance, cancellationToken);

        /// <summary>
        /// The query's payments, lazily (nothing is requested until read), pinned to windows fixed now, so its total
        /// and its payments describe the same range.
        /// </summary>
        public PaymentStream OpenPayments(PaymentQuery query, IPortOneEvents? events, CancellationToken cancellationToken)
        {
            _transport.ThrowIfDisposed();
            PaymentReader reader = CreateReader(query, events);
            return new PaymentStream(reader, reader.PlanWindows(), cancellationToken);
        }

        /// <summary>One payment by imp_uid, test-channel (sandbox) payments included as the by-status lists include them.</summary>
        public Task<PaymentAnnotation> GetPaymentAsync(string impUid, IPortOneEvents? events, CancellationToken cancellationToken) =>
            Transport().GetAsync("payments/" + Uri.EscapeDataString(impUid) + "?include_sandbox=true",
                PortOneJsonContext.Default.ApiEnvelopePaymentAnnotation,
                events ?? NullPortOneEvents.Instance, cancellationToken);

        /// <summary>The latest payment with this order number (merchant_uid).</summary>
        public Task<PaymentAnnotation> FindByMerchantUidAsync(string merchantUid, IPortOneEvents? events, CancellationToken cancellationToken) =>
            Transport().GetAsync("payments/find/" + Uri.EscapeDataString(merchantUid), PortOneJsonContext.Default.ApiEnvelopePaymentAnnotation,
                events ?? NullPortOneEvents.Instance, cancellationToken);

        private PaymentReader CreateReader(PaymentQuery query, IPortOneEvents? events)
        {
            IPortOneEvents sink = events ?? NullPortOneEvents.Instance;
            BodyParser<ApiEnvelope<PaymentPage>> page = query.Rows != null ? query.Rows.ParsePage
                : JsonBody.Serializer(PortOneJsonContext.Default.ApiEnvelopePaymentPage);
            return new PaymentReader(query, (request, ct) => _transport.GetAsync(request.PathAndQuery, page, sink, ct), sink,
                PortOneNow, ClockUncertainty);
        }

        private ApiTransport Transport()
        {
            _transport.ThrowIfDisposed();
            return _transport;
        }

        /// <summary>
        /// Releases the token cache, and the handler if one was given. Later calls throw ObjectDisposedException, and so
        /// does the next request of a read already under way.
        /// </summary>
        public void Dispose()
        {
            if (_transport.IsDisposed) return;
            _transport.Dispose();
            if (_ownsHttp) _http.Dispose();
        }
    }
}
