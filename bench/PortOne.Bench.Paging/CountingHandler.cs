using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PortOne.Bench.Paging;

/// <summary>Counts the by-status page requests that go out (retries included), so each reader's cost in requests is exact.</summary>
internal sealed class CountingHandler : DelegatingHandler
{
    private int _pageRequests;

    public CountingHandler(HttpMessageHandler inner) : base(inner) { }

    public int PageRequests => Volatile.Read(ref _pageRequests);

    public void Reset() => Interlocked.Exchange(ref _pageRequests, 0);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.AbsolutePath.Contains("/payments/status/", StringComparison.Ordinal) == true)
        {
            Interlocked.Increment(ref _pageRequests);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
