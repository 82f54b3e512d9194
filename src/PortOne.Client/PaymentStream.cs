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

        public int WindowCount => _windows.Count;

        public long CountTotal() => _reader.CountTotal(_windows, _cancellationToken);

        public IEnumerable<PaymentAnnotation> Read() => _reader.Read(_windows, _cancellationToken);
    }
}
