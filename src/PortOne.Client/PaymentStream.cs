using System.Collections.Generic;
using System.Threading;
using PortOne.Paging;

namespace PortOne
{
    /// <summary>A query pinned to its windows: its total and its payments describe the same range.</summary>
    public sealed class PaymentStream
    {
        private readonly PaymentReader _reader;
        private readonly List<TimeWindow> _windows;
        private readonly CancellationToken _cancellationToken;

        internal PaymentStream(PaymentReader reader, List<TimeWindow> windows, CancellationToken cancellationToken)
        {
            _reader = reader;
            _windows = windows;
            _cancellationToken = cancellationToken;
        }

        /// <summary>How many 90-day (or shorter) windows the range was cut into.</summary>
        public int WindowCount => _windows.Count;

        /// <summary>How many payments the range holds, as the API says now: one one-payment request per window.</summary>
        public long CountTotal() => _reader.CountTotal(_windows, _cancellationToken);

        /// <summary>
        /// The payments, lazily: nothing is requested until the first is read, and stopping early stops the requests.
        /// Throws <see cref="PortOneException"/> when the API fails or contradicts itself.
        /// </summary>
        public IEnumerable<PaymentAnnotation> Read() => _reader.Read(_windows, _cancellationToken);
    }
}
