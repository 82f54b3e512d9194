using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Json;
using PortOne.Paging;

namespace PortOne.Client.Tests.Model
{
    /// <summary>
    /// The reader's page source over a ModelLedger, with an adversary: before each request is taken and before each
    /// answer is made, the schedule's changes for that moment are applied and PortOne's clock may tick. An answer is
    /// made either at once (as a fast server would) or only when the reader waits for it (as late as possible), as the
    /// scenario says per request, so answers are snapshots taken in any order.
    /// </summary>
    internal sealed class ModelApi
    {
        private readonly ModelLedger _ledger;
        private readonly Queue<Change> _changes;
        private readonly Func<int, bool> _answersAtOnce;
        private readonly int _tick;
        private readonly long _span;
        private readonly LazyScheduler _lazy = new LazyScheduler();
        private int _hooks;

        public ModelApi(ModelLedger ledger, IEnumerable<Change> changes, Func<int, bool> answersAtOnce, int tick, long span)
        {
            _ledger = ledger;
            _changes = new Queue<Change>(changes.OrderBy(c => c.Hook));
            _answersAtOnce = answersAtOnce;
            _tick = tick;
            _span = span;
        }

        public List<PageRequest> Requests { get; } = new List<PageRequest>();

        /// <summary>Called after every change (the test tracks who was ever in the result set).</summary>
        public Action? Changed { get; set; }

        public Task<PaymentPage> Send(PageRequest request, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int index = Requests.Count;
            Requests.Add(request);
            Hook();
            if (_answersAtOnce(index))
            {
                // As the client's transport does, an answer that fails is a failed task, never a throw from sending.
                try
                {
                    return Task.FromResult(Answer(request));
                }
                catch (PortOneException failure)
                {
                    return Task.FromException<PaymentPage>(failure);
                }
            }
            var answer = new Task<PaymentPage>(() =>
            {
                Hook();
                return Answer(request);
            }, cancellationToken);
            answer.Start(_lazy);
            return answer;
        }

        /// <summary>One moment: the clock ticks and the changes due now are made.</summary>
        private void Hook()
        {
            int hook = _hooks++;
            _ledger.Now += _tick;
            while (_changes.Count > 0 && _changes.Peek().Hook <= hook)
            {
                _changes.Dequeue().Apply(_ledger, _span);
                Changed?.Invoke();
            }
        }

        private PaymentPage Answer(PageRequest request)
        {
            (long total, List<ModelPayment> page, bool pastTheEnd) = _ledger.Query(request.Status.ToApiString(), request.Range.From, request.Range.To,
                request.Sort.ToApiString(), request.Page, request.Limit);
            if (pastTheEnd)
            {
                throw new PortOneException(PortOneErrorKind.ApiError, "page past the end") { HttpStatus = 400, RequestPath = request.PathAndQuery };
            }
            return new PaymentPage { Total = total, List = page.Select(ModelLedger.ToAnnotation).ToList() };
        }
    }
}
